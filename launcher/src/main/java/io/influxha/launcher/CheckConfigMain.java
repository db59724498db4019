package io.influxha.launcher;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.ConfigReport;
import io.influxha.core.config.InfluxHaConfig;
import java.util.Set;

/** {@code check-config -c FILE}: every problem with its path and exit 2, or a summary and exit 0. */
final class CheckConfigMain {
    private CheckConfigMain() {}

    static void main(String[] args) {
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            System.out.println("configuration is valid");
            ConfigReport.lines(config).forEach(System.out::println);
            System.exit(0);
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
        }
    }
}
