package io.influxha.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides which partitions have a stuck last stable offset: the high watermark is above the LSO
 * (a transaction is open from the LSO on) and the LSO has not moved. How long is measured by this
 * watch's own clock from the first look that saw the LSO at its current value below the high
 * watermark, never from record timestamps: a router replaying a backlog writes records whose
 * CreateTime is old, yet its transactions commit and move the LSO. A live transaction keeps the LSO
 * below the high watermark for at most its {@code transaction.timeout.ms} (the router's 5 s, the
 * gateway's DDL 10 s) before its coordinator aborts it; {@link #STUCK_AFTER} is well past that.
 * Not thread-safe: one watch thread calls {@link #update}.
 */
public final class LsoWatch {
    /**
     * How long an unmoving LSO below the high watermark is normal: 60 s, six times the longest
     * transaction timeout the project's producers set, and past the coordinator's abort of a timed-out
     * transaction (its timeout plus {@code transaction.abort.timed.out.transaction.cleanup.interval.ms},
     * 10 s by default). A client override of {@code transaction.timeout.ms} above it makes a slow live
     * transaction look stuck: docs/stuck-transactions.md.
     */
    public static final Duration STUCK_AFTER = Duration.ofSeconds(60);

    /** One partition's two ends: the high watermark (read_uncommitted end) and the last stable offset (read_committed end). */
    public record Ends(long highWatermark, long lastStable) {}

    /** One watched partition after a look; {@code stuckFor} is zero unless the LSO is below the high watermark and unmoved. */
    public record Watched(TopicPartition partition, long highWatermark, long lastStable, Duration stuckFor) {
        public boolean stuck(Duration threshold) {
            return stuckFor.compareTo(threshold) >= 0 && !stuckFor.isZero();
        }

        /** For logs, health and status: where, both ends, for how long, and what to run. */
        public String describe() {
            return String.format(Locale.ROOT, "topic %s partition %d: last stable offset %d has not moved for %d s while the high"
                    + " watermark is %d (%d offsets held by an open transaction); read_committed consumers stop at %d. Run"
                    + " `influx-ha transactions find -c FILE` (docs/stuck-transactions.md)", partition.topic(), partition.partition(),
                    lastStable, stuckFor.toSeconds(), highWatermark, highWatermark - lastStable, lastStable);
        }
    }

    /** Per partition: the LSO last seen below the high watermark, and when (watch clock, ms) it was first seen there. */
    private record Seen(long lastStable, long sinceMs) {}

    private final Map<TopicPartition, Seen> seen = new HashMap<>();

    /** One look at {@code ends} with every watched partition read. */
    public List<Watched> update(Map<TopicPartition, Ends> ends, long nowMs) {
        return update(ends, Set.of(), nowMs);
    }

    /**
     * One look at {@code ends} taken at {@code nowMs} (a monotonic clock in ms: never the wall
     * clock, which NTP may step). A partition in {@code unread} keeps its span and is absent from
     * the result (its leader did not answer this time); a partition in neither is forgotten (its
     * topic was deleted).
     */
    public List<Watched> update(Map<TopicPartition, Ends> ends, Set<TopicPartition> unread, long nowMs) {
        seen.keySet().removeIf(tp -> !ends.containsKey(tp) && !unread.contains(tp));
        List<Watched> out = new ArrayList<>();
        ends.forEach((tp, e) -> {
            if (e.highWatermark() <= e.lastStable()) {
                seen.remove(tp); // nothing open: fine
                out.add(new Watched(tp, e.highWatermark(), e.lastStable(), Duration.ZERO));
                return;
            }
            Seen before = seen.get(tp);
            if (before == null || before.lastStable() != e.lastStable()) {
                before = new Seen(e.lastStable(), nowMs); // first sighting, or the LSO moved: a new span starts now
                seen.put(tp, before);
            }
            out.add(new Watched(tp, e.highWatermark(), e.lastStable(), Duration.ofMillis(Math.max(0, nowMs - before.sinceMs()))));
        });
        out.sort(java.util.Comparator.comparing((Watched w) -> w.partition().topic()).thenComparingInt(w -> w.partition().partition()));
        return out;
    }
}
