package io.influxha.core.metrics;

import io.influxha.core.LagReport;
import io.influxha.core.health.HealthChecks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The retention watch's findings as health checks, one per problem: a partition whose oldest
 * pending record has used half of the topic's retention ({@code topic-retention}), a partition
 * whose unread records retention already deleted ({@code records-lost}), a group Empty for half of
 * the broker's offsets retention ({@code offsets-retention}). {@link LagGauges} publishes the
 * latest list after every refresh, also as {@link HealthChecks} source {@code retention}, which
 * every {@code /health} renders (process-wide, like {@link Metrics#registry()}: the gateway and the gauges start separately).
 */
public final class RetentionAlerts {
    /** One health check: {@code status} is always {@code warn}, {@code message} names consumer, topic, partition and figures. */
    public record Alert(String name, String status, String message) {}

    static final String WARN = "warn";
    private static volatile List<Alert> latest = List.of();

    private RetentionAlerts() {}

    /** The findings of the last refresh of this process's {@link LagGauges}; empty when none runs. */
    public static List<Alert> latest() {
        return latest;
    }

    static void publish(List<Alert> alerts) {
        latest = List.copyOf(alerts);
        HealthChecks.publish("retention", alerts.stream()
                .map(a -> new HealthChecks.Check(a.name(), HealthChecks.Status.WARN, a.message())).toList());
    }

    static List<Alert> of(Collection<LagReport.Row> rows, Collection<OffsetsRetentionWatch.Watched> groups) {
        List<Alert> alerts = new ArrayList<>();
        for (LagReport.Row r : rows) {
            if (r.lost()) {
                alerts.add(new Alert("records-lost", WARN, String.format(Locale.ROOT,
                        "consumer %s topic %s partition %d: %d records deleted by retention before this group read them"
                                + " (committed offset %d, log start offset %d)",
                        r.consumer(), r.partition().topic(), r.partition().partition(), r.logStart() - r.committed(),
                        r.committed(), r.logStart())));
            } else if (r.atRisk()) {
                alerts.add(new Alert("topic-retention", WARN, String.format(Locale.ROOT,
                        "consumer %s topic %s partition %d: the oldest pending record is %.0f s old, %.0f%% of retention.ms %d;"
                                + " at 100%% it is deleted unread (lag %d records)",
                        r.consumer(), r.partition().topic(), r.partition().partition(), r.lagSecondsOrZero(),
                        100 * r.retentionUsed(), r.retentionMs(), r.lagRecords())));
            }
        }
        for (OffsetsRetentionWatch.Watched g : groups) {
            if (g.atRisk()) {
                alerts.add(new Alert("offsets-retention", WARN, String.format(Locale.ROOT,
                        "consumer %s group %s: no members for at least %d s, %.0f%% of offsets.retention.minutes %d;"
                                + " at 100%% Kafka deletes the group's committed offsets and it restarts from the earliest retained record",
                        g.consumer(), g.group(), g.emptyFor().toSeconds(), 100 * g.usedRatio(),
                        g.offsetsRetentionMs() / 60_000)));
            }
        }
        return alerts;
    }
}
