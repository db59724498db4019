package io.influxha.launcher;

import io.influxha.core.KafkaCluster;
import io.influxha.core.LagReport;
import io.influxha.core.PartitionEnds;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.CatalogTail;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.LsoWatch;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code status -c FILE}: per backend (writer group) and partition, and for the router, the
 * committed offset, end offset, lag in records and in seconds; then one line per DDL statement a
 * backend's writers gave up (voided); then one line per partition whose last stable offset stayed
 * below its high watermark without moving between two looks at least {@link #LSO_LOOK_APART} apart
 * (an open transaction holds it: docs/stuck-transactions.md), or one line saying there is none.
 * Read from Kafka, so it works whichever processes run. Exit 0 (an unmoved LSO too: it stalls, loses nothing);
 * 1 when retention already deleted records a group never read (data lost for that backend); 2 when
 * Kafka cannot be reached or the file is invalid.
 */
@Command(name = "status", description = {"Lag per backend and partition, read from Kafka.",
        "Per backend and partition, and for the router: committed and end offsets, lag in records and seconds; then the "
                + "DDL statements writers gave up. Exit 1 when retention deleted records a backend never read, 2 when Kafka "
                + "cannot be reached."})
final class StatusMain implements Callable<Integer> {
    /** Two looks at the partitions' ends this far apart: a live transaction (the router's last 100 ms) moves the LSO in between. */
    static final Duration LSO_LOOK_APART = Duration.ofSeconds(2);

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        InfluxHaConfig loaded = config.load();
        List<LagReport.Row> rows;
        List<LagReport.Group> groups;
        List<CatalogEntry> voided;
        List<LsoWatch.Watched> unmoved;
        Map<TopicPartition, String> lsoUnreadable = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        try {
            KafkaCluster kafka = Startup.locateKafka(loaded);
            try (Admin admin = kafka.admin("status-lso")) {
                Set<String> topics = PartitionEnds.watchedTopics(loaded);
                LsoWatch watch = new LsoWatch();
                long first = System.nanoTime();
                PartitionEnds.Read firstRead = PartitionEnds.read(admin, topics);
                watch.update(firstRead.ends(), firstRead.unreadable().keySet(), 0);
                try (LagReport report = LagReport.open(loaded, kafka)) {
                    rows = report.read();
                    groups = report.groups();
                }
                voided = voided(kafka);
                unmoved = secondLook(watch, admin, topics, first, lsoUnreadable);
            }
        } catch (StartupException e) {
            throw e;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("influx-ha: status: cannot read consumer positions, partition ends or the catalog from Kafka: "
                    + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        StatusTable.lines(rows, groups).forEach(out::println);
        StatusTable.voided(voided).forEach(out::println);
        StatusTable.unmovedLso(unmoved, LSO_LOOK_APART).forEach(out::println);
        lsoUnreadable.forEach((tp, why) -> out.println("lso_unreadable topic=" + tp.topic() + " partition=" + tp.partition()
                + " error=\"" + why + "\""));
        return rows.stream().anyMatch(LagReport.Row::lost) ? 1 : 0;
    }

    /** The second look, at least {@link #LSO_LOOK_APART} after the first: partitions whose LSO stayed below the high watermark. */
    private static List<LsoWatch.Watched> secondLook(LsoWatch watch, Admin admin, Set<String> topics, long firstNanos,
            Map<TopicPartition, String> unreadable) {
        long waitMs = LSO_LOOK_APART.toMillis() - (System.nanoTime() - firstNanos) / 1_000_000;
        if (waitMs > 0) {
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted between two looks at the partitions' ends", e);
            }
        }
        long elapsedMs = (System.nanoTime() - firstNanos) / 1_000_000;
        PartitionEnds.Read second = PartitionEnds.read(admin, topics);
        unreadable.putAll(second.unreadable());
        return watch.update(second.ends(), second.unreadable().keySet(), elapsedMs).stream().filter(w -> !w.stuckFor().isZero()).toList();
    }

    /** The catalog read to its end: the statements writers gave up. */
    private static List<CatalogEntry> voided(KafkaCluster kafka) {
        try (CatalogTail tail = CatalogTail.start(kafka, "status", () -> {})) {
            if (!tail.awaitCaughtUp(System.nanoTime() + Duration.ofSeconds(15).toNanos())) {
                throw new IllegalStateException("the catalog topic could not be read to its end within 15 s");
            }
            return tail.catalog().voided();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the catalog", e);
        }
    }
}
