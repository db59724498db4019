package io.influxha.launcher;

import io.influxha.core.LagReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code status}: one line per consumer and partition, one total per consumer, then
 * one line per consumer group with its members. {@code status} runs once, so for an Empty group it
 * can only say that it is Empty now and what the broker's offsets retention is, not since when.
 */
final class StatusTable {
    private static final String FORMAT = "%-10s %-32s %9s %12s %12s %11s %11s  %s";

    private StatusTable() {}

    static List<String> lines(List<LagReport.Row> rows) {
        return lines(rows, List.of());
    }

    static List<String> lines(List<LagReport.Row> rows, List<LagReport.Group> groups) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, FORMAT, "consumer", "topic", "partition", "committed", "end",
                "lag_records", "lag_seconds", "state"));
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, Double> oldest = new LinkedHashMap<>();
        for (LagReport.Row r : rows) {
            lines.add(String.format(Locale.ROOT, FORMAT, r.consumer(), r.partition().topic(), r.partition().partition(),
                    r.committed(), r.end(), r.lagRecords(), String.format(Locale.ROOT, "%.1f", r.lagSecondsOrZero()), state(r)));
            long[] t = totals.computeIfAbsent(r.consumer(), c -> new long[2]);
            t[0] += r.lagRecords();
            t[1] += r.lost() ? 1 : 0;
            oldest.merge(r.consumer(), r.lagSecondsOrZero(), Math::max);
        }
        totals.forEach((consumer, t) -> lines.add(String.format(Locale.ROOT,
                "total consumer=%s lag_records=%d lag_seconds=%.1f partitions_with_lost_records=%d",
                consumer, t[0], oldest.get(consumer), t[1])));
        groups.forEach(g -> lines.add(String.format(Locale.ROOT, "group consumer=%s group=%s members=%d state=%s%s",
                g.consumer(), g.group(), g.members(), g.state(), groupNote(g))));
        return lines;
    }

    /** One line per barrier statement a backend's writers gave up (docs/ddl-through-the-log.md). */
    static List<String> voided(List<io.influxha.core.catalog.CatalogEntry> entries) {
        return entries.stream().map(e -> String.format(Locale.ROOT, "ddl_voided backend=%s ddl_id=%s %s", e.backend(), e.ddlId(),
                e.result().substring(io.influxha.core.catalog.Catalog.VOIDED.length()))).toList();
    }

    /**
     * One line per partition whose last stable offset did not move between status's two looks while
     * below the high watermark, or one line saying none did.
     */
    static List<String> unmovedLso(List<io.influxha.core.metrics.LsoWatch.Watched> unmoved, java.time.Duration apart) {
        if (unmoved.isEmpty()) {
            return List.of(String.format(Locale.ROOT, "transactions: no last stable offset held below its high watermark across %d s",
                    apart.toSeconds()));
        }
        return unmoved.stream().map(w -> String.format(Locale.ROOT, "lso_unmoved topic=%s partition=%d high_watermark=%d"
                + " last_stable_offset=%d unmoved_for_at_least_seconds=%d  an open transaction stops read_committed consumers here;"
                + " if influxha_kafka_lso_stuck_seconds keeps growing run: influx-ha transactions find -c FILE"
                + " (docs/stuck-transactions.md)", w.partition().topic(), w.partition().partition(), w.highWatermark(),
                w.lastStable(), w.stuckFor().toSeconds())).toList();
    }

    private static String groupNote(LagReport.Group g) {
        if (g.empty()) {
            return String.format(Locale.ROOT, "  EMPTY now: Kafka deletes this group's committed offsets once it has stayed"
                    + " empty for offsets.retention.minutes=%d, then it replays from the earliest retained record"
                    + " (how long it has been empty: influxha_consumer_group_offsets_retention_used_ratio)",
                    g.offsetsRetentionMs() / 60_000);
        }
        return g.state().equals("Dead") ? "  no committed offsets: it starts from the earliest retained record" : "";
    }

    private static String state(LagReport.Row r) {
        if (r.lost()) {
            return "LOST " + (r.logStart() - r.committed()) + " records deleted by retention before this group read them";
        }
        if (r.atRisk()) {
            return String.format(Locale.ROOT, "AT RISK: the oldest pending record has used %.0f%% of the topic's retention",
                    100 * r.retentionUsed());
        }
        return r.lagRecords() == 0 ? "caught-up" : "behind";
    }
}
