package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.health.RoleHealth;
import io.influxha.core.metrics.Metrics;
import io.influxha.gateway.auth.AuthException;
import io.influxha.gateway.auth.Authenticator;
import io.influxha.gateway.auth.HttpsConnector;
import io.javalin.Javalin;
import java.net.BindException;
import java.time.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The InfluxDB 1.x compatible front door: {@code /write} publishes points to the ingest topic and
 * answers 204 only once Kafka acknowledged every record, {@code /query} sends reads to the best
 * replica of each shard and DDL through Kafka (docs/query-routing.md), {@code /ping} answers like
 * InfluxDB. Stateless: run as many as needed behind a load balancer.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** Beyond publish_timeout, how long close() lets in-flight requests finish their body and ack wait. */
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(10);

    private final Javalin app;
    private final IngestPublisher publisher;
    private final WriteHandler writes;
    private final InFlightRequests inFlight;
    private final Duration drainTimeout;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Completes when the HTTP server stopped; before {@link #close()} that is a failure. */
    private final java.util.concurrent.CompletableFuture<Void> terminated;

    private Gateway(Javalin app, IngestPublisher publisher, WriteHandler writes, InFlightRequests inFlight, Duration drainTimeout,
            java.util.concurrent.CompletableFuture<Void> serverStopped, RoleHealth health) {
        this.app = app;
        this.terminated = serverStopped.thenRun(() -> {
            if (closed.get()) {
                health.stopped();
            } else {
                health.failed("HTTP server stopped by itself");
            }
        });
        this.publisher = publisher;
        this.writes = writes;
        this.inFlight = inFlight;
        this.drainTimeout = drainTimeout;
    }

    /**
     * Binds {@code gateway.listen} (port 0 picks a free port) and serves until {@link #close()}.
     *
     * @throws IllegalStateException naming gateway.listen when the address is taken
     */
    public static Gateway start(InfluxHaConfig config, KafkaCluster kafka) {
        MemoryBudget memory = new MemoryBudget(MemoryBudget.defaultLimit(config.gateway().maxBodySize().bytes()));
        KafkaIngestPublisher publisher = KafkaIngestPublisher.create(config, kafka, memory.limitBytes());
        io.influxha.gateway.query.QueryRouter router = io.influxha.gateway.query.QueryRouter.start(config, kafka);
        GatewayCatalog catalog = GatewayCatalog.kafka(config, kafka, BackendSchema.of(router));
        publisher.predecessorsFrom(catalog::lastStatementsOfGateways);
        publisher.incarnationsFrom(catalog::incarnation);
        try {
            return start(config.gateway(), publisher, memory, router, catalog);
        } catch (RuntimeException e) {
            catalog.close();
            router.close();
            publisher.close();
            throw e;
        }
    }

    /** The gateway over any publisher; tests pass a fake. */
    static Gateway start(GatewaySettings settings, IngestPublisher publisher, MemoryBudget memory) {
        return start(settings, publisher, memory, io.influxha.gateway.query.QueryRouter.none(), GatewayCatalog.none());
    }

    /** The gateway over any publisher and read router (closed when the server stops); tests pass fakes. */
    static Gateway start(GatewaySettings settings, IngestPublisher publisher, MemoryBudget memory,
            io.influxha.gateway.query.QueryRouter router) {
        return start(settings, publisher, memory, router, GatewayCatalog.none());
    }

    /** ... and any catalog (closed when the server stops). */
    static Gateway start(GatewaySettings settings, IngestPublisher publisher, MemoryBudget memory,
            io.influxha.gateway.query.QueryRouter router, GatewayCatalog catalog) {
        InFlightRequests inFlight = new InFlightRequests();
        catalog.orderNewIncarnations(router::routedEverything);
        DatabaseGuard databases = new DatabaseGuard(catalog, publisher, settings.publishTimeout(), settings.autoCreateDatabases());
        WriteHandler writes = new WriteHandler(publisher, memory, settings.maxBodySize().bytes(), settings.publishTimeout(), databases);
        QueryHandler queries = new QueryHandler(publisher, settings.publishTimeout(), router, catalog, !settings.auth().enabled());
        UdpListeners udp = new UdpListeners();
        Authenticator auth = Authenticator.of(settings.auth(), InfluxErrors::goQuote);
        RoleHealth health = RoleHealth.starting("gateway", "gateway");
        var serverStopped = new java.util.concurrent.CompletableFuture<Void>();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // Jetty lets requests in flight finish writing their response before it stops;
            // InFlightRequests only knows when a handler returned, not when its response left.
            cfg.jetty.modifyServer(server -> {
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(settings.publishTimeout().toMillis() + 10_000);
            });
            cfg.http.prefer405over404 = false;
            if (settings.tls().enabled()) {
                cfg.jetty.addConnector(HttpsConnector.of(settings.listen(), settings.tls()));
            }
            cfg.routes.before(RequestMeters::start);
            cfg.routes.before(ResponseHeaders::apply);
            cfg.routes.after(RequestMeters::finish);
            cfg.routes.get("/ping", PingHandler::handle);
            cfg.routes.head("/ping", PingHandler::handle);
            cfg.routes.post("/write", inFlight.guard(auth.guardWrite(Authenticator::dbParam, writes::handle)));
            cfg.routes.options("/write", ctx -> ctx.status(204));
            cfg.routes.post("/api/v2/write", inFlight.guard(auth.guardWrite(Authenticator::bucketDatabase, new V2WriteHandler(writes)::handle)));
            cfg.routes.get("/health", HealthHandler::handle);
            cfg.routes.get("/metrics", auth.guardMetrics(ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(Metrics.scrape())));
            cfg.routes.post("/api/v1/prom/write", inFlight.guard(auth.guardWrite(Authenticator::dbParam, new PromWriteHandler(writes)::handle)));
            cfg.routes.get("/query", inFlight.guard(auth.guardAuthenticated(queries::handle)));
            cfg.routes.post("/query", inFlight.guard(auth.guardAuthenticated(queries::handle)));
            cfg.routes.options("/query", ctx -> ctx.status(204));
            cfg.routes.post("/api/v1/prom/read", inFlight.guard(auth.guardRead(Authenticator::dbParam, new PromReadHandler(router, settings.maxBodySize().bytes(), !settings.auth().enabled())::handle)));
            cfg.events.serverStopped(router::close);
            cfg.events.serverStopped(catalog::close);
            cfg.events.serverStopped(udp::close);
            cfg.events.serverStopped(() -> serverStopped.complete(null));
            cfg.routes.exception(AuthException.class, (e, ctx) -> {
                if (!e.renderChallenge(ctx)) {
                    InfluxErrors.write(ctx, e.status(), e.getMessage());
                }
            });
            ErrorRendering.register(cfg.routes);
        });
        try {
            app.start(settings.listen().host(), settings.listen().port());
        } catch (RuntimeException e) {
            app.stop();
            health.stopped();
            if (causedByBind(e)) {
                throw new IllegalStateException("gateway.listen " + settings.listen()
                        + ": address already in use: change gateway.listen", e);
            }
            throw new IllegalStateException("gateway.listen " + settings.listen() + ": cannot listen: " + e.getMessage(), e);
        }
        settings.udp().forEach(databases::openUdp);
        try {
            udp.start(settings.udp(), publisher, memory, settings.publishTimeout(), (db, rp) -> {
                databases.requireExisting(db);
                String policy = databases.requireRetentionPolicy(db, rp);
                return new UdpListener.Target(policy, databases.incarnation(db), databases.policyIncarnation(db, policy));
            });
        } catch (RuntimeException e) {
            app.stop();
            health.stopped();
            throw e;
        }
        log.info("event=gateway_started listen={}:{} max_body_size={} publish_timeout={} memory_budget={} auth={} tls={}",
                settings.listen().host(), app.port(), settings.maxBodySize(), settings.publishTimeout(), memory.limitBytes(),
                auth.enabled() ? "enabled" : "disabled", settings.tls().enabled() ? "enabled" : "disabled");
        health.running();
        return new Gateway(app, publisher, writes, inFlight, settings.publishTimeout().plus(DRAIN_MARGIN), serverStopped, health);
    }

    public int port() {
        return app.port();
    }

    /** Completes once the HTTP server stopped, by {@link #close()} or not ({@link #failure()}). */
    public java.util.concurrent.CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Why the gateway stopped by itself; empty while it serves or once {@link #close()} stopped it. */
    public java.util.Optional<String> failure() {
        return terminated.isDone() && !closed.get() ? java.util.Optional.of("HTTP server stopped by itself") : java.util.Optional.empty();
    }

    /** Points in requests answered 204, since start. */
    public long pointsAccepted() {
        return writes.pointsAccepted();
    }

    /**
     * Graceful: stops accepting connections, refuses new requests on open ones (503), lets
     * in-flight requests finish (bounded by publish_timeout plus a margin), then stops the server
     * and flushes and closes the producer.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
        try {
            int left = inFlight.closeAndAwait(drainTimeout);
            if (left > 0) {
                log.warn("event=gateway_drain_timeout requests_left={} waited={}", left, drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
        publisher.close();
        log.info("event=gateway_stopped points_accepted={}", pointsAccepted());
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
                return true;
            }
        }
        return false;
    }
}
