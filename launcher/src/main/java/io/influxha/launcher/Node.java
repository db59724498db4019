package io.influxha.launcher;

import io.influxha.broker.ChildBroker;
import io.influxha.core.Bootstrap;
import io.influxha.core.KafkaCluster;
import io.influxha.core.Startup;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.Durations;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.health.RoleHealth;
import io.influxha.core.metrics.LagGauges;
import io.influxha.gateway.Gateway;
import io.influxha.router.Router;
import io.influxha.writer.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every role in one process ({@code all}, {@code demo}): the embedded broker when no Kafka is
 * configured, then writers, router and, last, the gateway, so nothing is accepted before the
 * pipeline behind it runs. {@link #close()} stops them in the reverse order: the gateway finishes
 * its requests, the router commits its transaction, writers flush and commit, the broker stops.
 * Every role is watched by a {@link Supervisor}: {@link #awaitFailure()} returns the first that
 * ended by itself. The lag gauges are not a role: their refresh survives every exception and only
 * feeds metrics.
 */
final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(10);
    /** SIGTERM or a role's failure: the roles' own bounds in a row fit (gateway 20 s by default, router 30 s, the writers together 35 s). */
    static final Duration STOP_BUDGET = Duration.ofSeconds(90);
    /**
     * After the embedded broker died nothing can be committed: the roles' graceful stops would only
     * wait out their Kafka timeouts, delaying the restart that brings the broker back.
     */
    static final Duration STOP_BUDGET_WITHOUT_BROKER = Duration.ofSeconds(10);

    /** What started, in order, with the name its stop is logged under. */
    private final List<Started> started = new ArrayList<>();

    private record Started(String name, AutoCloseable role) {}
    private final List<Writer> writers = new ArrayList<>();
    private final Supervisor supervisor = new Supervisor();
    private volatile boolean stopping;
    private ChildBroker broker;
    private Router router;
    private Gateway gateway;
    private KafkaCluster kafka;

    private Node() {}

    static Node start(InfluxHaConfig config) {
        Node node = new Node();
        try {
            node.startAll(config);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startAll(InfluxHaConfig config) {
        if (config.kafka().embedded()) {
            RoleHealth health = RoleHealth.starting("broker", "broker");
            broker = ChildBroker.start(config.dataDir(), BROKER_START_TIMEOUT);
            started.add(new Started("broker", broker));
            health.running();
            watchBroker(broker, health);
            log.info("event=embedded_broker_started bootstrap={} data_dir={} pid={}", broker.bootstrapServers(),
                    Bootstrap.file(config.dataDir()).getParent(), broker.pid());
        }
        kafka = Startup.kafka(config);
        for (BackendSettings backend : config.backends()) {
            Writer writer = Writer.start(config, kafka, backend.name());
            writers.add(writer);
            started.add(new Started("writer-" + backend.name(), writer));
            supervisor.watch("writer", backend.name(), writer.terminated(), writer::failure);
        }
        router = Router.start(config, kafka);
        started.add(new Started("router", router));
        supervisor.watch("router", "router", router.terminated(), router::failure);
        // Lag of every backend and of the router, as gauges on the gateway's /metrics.
        started.add(new Started("lag-gauges", LagGauges.start(config, kafka, LAG_INTERVAL)));
        gateway = Gateway.start(config, kafka);
        started.add(new Started("gateway", gateway));
        supervisor.watch("gateway", "gateway", gateway.terminated(), gateway::failure);
        log.info("event=started gateway=127.0.0.1:{} backends={} bootstrap={}", gateway.port(),
                config.backends().size(), kafka.bootstrapServers());
    }

    /** The child's exit is a failure unless this node is stopping; /health says so until the process ends. */
    private void watchBroker(ChildBroker child, RoleHealth health) {
        CompletableFuture<Integer> exited = child.exited();
        exited.thenAccept(code -> {
            if (stopping) {
                health.stopped();
            } else {
                health.failed("embedded broker process pid " + child.pid() + " exited with code " + code);
            }
        });
        supervisor.watch("broker", "broker", exited,
                () -> Optional.of("embedded broker process pid " + child.pid() + " exited with code " + exited.join()));
    }

    /**
     * Blocks until a role ended by itself (the first one) or {@link #close()} began (empty).
     */
    Optional<Supervisor.Failure> awaitFailure() throws InterruptedException {
        return supervisor.await();
    }

    KafkaCluster kafka() {
        return kafka;
    }

    Gateway gateway() {
        return gateway;
    }

    List<Writer> writers() {
        return writers;
    }

    Optional<ChildBroker> broker() {
        return Optional.ofNullable(broker);
    }

    /** Stops what started, newest first, within {@link #STOP_BUDGET}. */
    @Override
    public void close() {
        close(STOP_BUDGET);
    }

    /**
     * Stops what started, newest first (the writers, independent of each other, all at once); one
     * role failing to stop does not keep the others running, and all of them together get at most
     * {@code budget}: a role still stopping when it is spent is left to the process's exit (what
     * it did not commit is read again after the restart).
     */
    synchronized void close(Duration budget) {
        stopping = true;
        supervisor.stopping();
        long deadline = System.nanoTime() + budget.toNanos();
        int i = started.size() - 1;
        while (i >= 0) {
            List<Started> step = new ArrayList<>(List.of(started.get(i--)));
            while (i >= 0 && step.get(0).role() instanceof Writer && started.get(i).role() instanceof Writer) {
                step.add(started.get(i--));
            }
            if (!stop(step, deadline, budget)) {
                return;
            }
        }
        started.clear();
    }

    /** Stops {@code step}'s roles at once and waits for them until {@code deadline}; false when interrupted. */
    private static boolean stop(List<Started> step, long deadline, Duration budget) {
        if (deadline - System.nanoTime() <= 0) {
            step.forEach(s -> log.error("event=stop_skipped role={} reason=\"stop budget of {} spent\"", s.name(), Durations.format(budget)));
            return true;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (Started s : step) {
            Thread stopper = new Thread(() -> {
                try {
                    s.role().close();
                } catch (Exception e) {
                    log.error("event=stop_failed role={} error=\"{}\"", s.name(), e.toString());
                }
            }, "stop-" + s.name());
            stopper.setDaemon(true);
            stopper.start();
            stoppers.add(stopper);
        }
        for (int k = 0; k < stoppers.size(); k++) {
            try {
                stoppers.get(k).join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (stoppers.get(k).isAlive()) {
                log.error("event=stop_timeout role={} reason=\"stop budget of {} spent\"", step.get(k).name(), Durations.format(budget));
            }
        }
        return true;
    }
}
