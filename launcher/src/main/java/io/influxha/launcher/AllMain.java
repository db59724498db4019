package io.influxha.launcher;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.Set;

/** {@code all -c FILE}: config → {@link Node#start} (broker, writers, router, gateway) → SIGTERM stops it gracefully. */
final class AllMain {
    private AllMain() {}

    static void main(String[] args) {
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            Node node = Node.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "influx-ha-shutdown"));
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("influx-ha: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }
}
