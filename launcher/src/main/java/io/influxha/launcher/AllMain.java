package io.influxha.launcher;

import io.influxha.core.StartupException;
import io.influxha.core.UntilStopped;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code all -c FILE}: config → {@link Node#start} (broker, writers, router, gateway) → SIGTERM
 * stops it gracefully. Exit 2 on a configuration or Kafka problem, 1 when a role cannot start.
 */
@Command(name = "all", description = {"Every role in one process, until SIGTERM.",
        "The gateway, the router and one writer per backend; an embedded Kafka broker when kafka.bootstrap_servers is empty."})
final class AllMain implements Callable<Integer> {
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
        UntilStopped.await("influx-ha-shutdown", node::close);
        return 0;
    }
}
