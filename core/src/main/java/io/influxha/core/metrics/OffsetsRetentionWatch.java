package io.influxha.core.metrics;

import io.influxha.core.LagReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each consumer group has been without members, as seen by this process: the time it was
 * first seen Empty, forgotten as soon as it has members again. Kafka deletes an Empty group's
 * committed offsets once it has stayed Empty for {@code offsets.retention.minutes}; this process
 * cannot see when the group really emptied, so a group already Empty at its first refresh counts
 * from then and the figure is a lower bound.
 */
final class OffsetsRetentionWatch {
    /** One group now: {@code emptyFor} is zero while it has members. */
    record Watched(String consumer, String group, boolean empty, Duration emptyFor, long offsetsRetentionMs) {
        /** Share of the offsets retention the group has spent Empty: at 1 Kafka deletes its committed offsets. */
        double usedRatio() {
            return !empty || offsetsRetentionMs <= 0 ? 0 : (double) emptyFor.toMillis() / offsetsRetentionMs;
        }

        boolean atRisk() {
            return usedRatio() >= LagReport.RISK_SHARE;
        }
    }

    private final Clock clock;
    private final Map<String, Instant> emptySince = new HashMap<>();

    OffsetsRetentionWatch(Clock clock) {
        this.clock = clock;
    }

    /** Updates the Empty times from one reading and returns every group with its figures. */
    synchronized List<Watched> update(List<LagReport.Group> groups) {
        Instant now = clock.instant();
        List<Watched> watched = new ArrayList<>();
        for (LagReport.Group g : groups) {
            if (!g.empty()) {
                emptySince.remove(g.group());
                watched.add(new Watched(g.consumer(), g.group(), false, Duration.ZERO, g.offsetsRetentionMs()));
                continue;
            }
            Instant since = emptySince.computeIfAbsent(g.group(), k -> now);
            watched.add(new Watched(g.consumer(), g.group(), true, Duration.between(since, now), g.offsetsRetentionMs()));
        }
        return watched;
    }
}
