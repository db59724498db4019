package io.influxha.core.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.influxha.core.StartupException;
import io.influxha.core.config.HostPort;
import io.influxha.core.metrics.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's and the writer's own HTTP listener: {@code GET /health} (the gateway's JSON, 503 when
 * a check fails) and {@code GET /metrics} (Prometheus text). The JDK's {@code com.sun.net.httpserver}
 * rather than Javalin: two read-only routes need no Jetty in the router and writer modules. Its
 * handlers run on two daemon threads; {@link #close()} stops it at once, so it never keeps a
 * process alive.
 */
public final class RoleListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoleListener.class);
    private static final int THREADS = 2;

    private final HttpServer server;
    private final ExecutorService handlers;

    private RoleListener(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * Binds {@code listen} (port 0: any free port) for {@code role}; {@code key} names where the
     * address came from in errors ({@code router.listen or --listen}).
     *
     * @throws StartupException naming {@code key} and the address when it cannot be bound
     */
    public static RoleListener start(String role, HostPort listen, String key) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(listen.host(), listen.port()), 16);
        } catch (BindException e) {
            throw new StartupException(key + " " + listen + ": address already in use or not local: change " + key, e);
        } catch (IOException e) {
            throw new StartupException(key + " " + listen + ": cannot listen: " + e.getMessage(), e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, role + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/health", exchange -> answer(exchange, "/health", () -> {
            var checks = HealthChecks.all();
            return new Answer(HealthJson.status(checks), "application/json", HealthJson.body(checks));
        }));
        server.createContext("/metrics", exchange -> answer(exchange, "/metrics",
                () -> new Answer(200, Metrics.CONTENT_TYPE, Metrics.scrape())));
        server.createContext("/", exchange -> answer(exchange, "/", () -> new Answer(404, "text/plain; charset=utf-8",
                "not found: this listener serves GET /health and GET /metrics\n")));
        server.start();
        RoleListener listener = new RoleListener(server, handlers);
        log.info("event=listening role={} address={}", role, listener.address());
        return listener;
    }

    /** The bound address, with the real port when 0 was asked. */
    public HostPort address() {
        InetSocketAddress a = server.getAddress();
        return new HostPort(a.getAddress().getHostAddress(), a.getPort());
    }

    private record Answer(int status, String contentType, String body) {}

    private static void answer(HttpExchange exchange, String path, Supplier<Answer> route) throws IOException {
        try (exchange) {
            Answer a;
            if (!exchange.getRequestURI().getPath().equals(path)) {
                a = new Answer(404, "text/plain; charset=utf-8", "not found: this listener serves GET /health and GET /metrics\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                a = new Answer(405, "text/plain; charset=utf-8", "method " + exchange.getRequestMethod() + " not allowed on " + path + "\n");
            } else {
                a = route.get();
            }
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", a.contentType());
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(a.status(), head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** Stops at once: a probe in flight may see its connection closed. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
