package io.influxha.launcher;

import io.influxha.core.StartupException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code all -c FILE}: config → {@link Node#start} (broker, writers, router, gateway) → until
 * SIGTERM stops it gracefully, or a role fails: then the others stop in the same order and the
 * process exits 1, for its supervisor (systemd, Docker, Kubernetes) to restart it. Exit 2 on a
 * configuration or Kafka problem, 1 when a role cannot start or failed.
 */
@Command(name = "all", description = {"Every role in one process, until SIGTERM.",
        "The gateway, the router and one writer per backend; an embedded Kafka broker when kafka.bootstrap_servers is empty.",
        "Exit 1 when a role fails (the others are stopped first)."})
final class AllMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(AllMain.class);

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Node node;
        try {
            node = Node.start(config.load());
        } catch (StartupException e) {
            throw e;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("influx-ha: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } finally {
                closed.countDown();
            }
        }, "influx-ha-shutdown"));
        Optional<Supervisor.Failure> failure = node.awaitFailure();
        if (failure.isEmpty()) {
            closed.await();
            return 0;
        }
        Supervisor.Failure f = failure.get();
        log.error("event=role_failed role={} name={} reason=\"{}\" action=stop_process exit_code=1", f.role(), f.name(), f.reason());
        spec.commandLine().getErr().println("influx-ha: role " + f.role() + " " + f.name() + " failed: " + f.reason()
                + "; stopping the other roles, then exit 1");
        node.close(f.role().equals("broker") ? Node.STOP_BUDGET_WITHOUT_BROKER : Node.STOP_BUDGET);
        log.info("event=stopped_after_role_failure role={} name={}", f.role(), f.name());
        return 1;
    }
}
