package io.influxha.launcher;

import io.influxha.core.Bootstrap;
import io.influxha.core.CommandLine;
import io.influxha.core.LagReport;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.List;
import java.util.Set;

/**
 * {@code status -c FILE}: per backend (writer group) and partition, and for the router, the
 * committed offset, end offset, lag in records and in seconds; read from Kafka, so it works
 * whichever processes run. Exit 0; 1 when retention already deleted records a group never read
 * (data lost for that backend); 2 when Kafka cannot be reached or the file is invalid.
 */
final class StatusMain {
    private StatusMain() {}

    static void main(String[] args) {
        List<LagReport.Row> rows;
        List<LagReport.Group> groups;
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            String bootstrap = bootstrap(config);
            try (LagReport report = LagReport.open(config, bootstrap)) {
                rows = report.read();
                groups = report.groups();
            }
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("influx-ha: status: cannot read consumer positions from Kafka: " + e.getMessage());
            System.exit(2);
            return;
        }
        StatusTable.lines(rows, groups).forEach(System.out::println);
        System.exit(rows.stream().anyMatch(LagReport.Row::lost) ? 1 : 0);
    }

    private static String bootstrap(InfluxHaConfig config) {
        try {
            return Bootstrap.resolve(config);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
