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
 * committed offset, end offset, lag in records and in seconds; then one line per DDL statement a
 * backend's writers gave up (voided); read from Kafka, so it works whichever processes run. Exit 0; 1 when retention already deleted records a group never read
 * (data lost for that backend); 2 when Kafka cannot be reached or the file is invalid.
 */
final class StatusMain {
    private StatusMain() {}

    static void main(String[] args) {
        List<LagReport.Row> rows;
        List<LagReport.Group> groups;
        List<io.influxha.core.catalog.CatalogEntry> voided;
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            String bootstrap = bootstrap(config);
            try (LagReport report = LagReport.open(config, bootstrap)) {
                rows = report.read();
                groups = report.groups();
            }
            voided = voided(config, bootstrap);
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("influx-ha: status: cannot read consumer positions or the catalog from Kafka: " + e.getMessage());
            System.exit(2);
            return;
        }
        StatusTable.lines(rows, groups).forEach(System.out::println);
        StatusTable.voided(voided).forEach(System.out::println);
        System.exit(rows.stream().anyMatch(LagReport.Row::lost) ? 1 : 0);
    }

    /** The catalog read to its end: the statements writers gave up. */
    private static List<io.influxha.core.catalog.CatalogEntry> voided(InfluxHaConfig config, String bootstrap) {
        try (io.influxha.core.catalog.CatalogTail tail = io.influxha.core.catalog.CatalogTail.start(bootstrap, config.kafka(), "status", () -> {})) {
            if (!tail.awaitCaughtUp(System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos())) {
                throw new IllegalStateException("the catalog topic could not be read to its end within 15 s");
            }
            return tail.catalog().voided();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the catalog", e);
        }
    }

    private static String bootstrap(InfluxHaConfig config) {
        try {
            return Bootstrap.resolve(config);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
