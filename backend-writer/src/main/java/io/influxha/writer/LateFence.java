package io.influxha.writer;

import java.time.Duration;
import java.util.Map;

/**
 * A request a writer gave up on (it timed out, its connection broke after it was sent, a proxy
 * answered 502/504, or its partition moved while it ran) may still land in the backend, after
 * anything sent since: a newer value of the same point, or a barrier's DELETE. Nothing is sent for
 * its partition until {@code writer.late_write_bound} after it was sent (docs/ddl-through-the-log.md,
 * "Late requests"). The fence travels with the partition in its commit's metadata, as
 * {@code late:<epoch ms until>}, so a writer that takes the partition over keeps it.
 */
final class LateFence {
    static final String METADATA_PREFIX = "late:";

    private LateFence() {}

    /** The commit metadata for a fence until {@code untilNanos} ({@link System#nanoTime()} clock). */
    static String metadata(long untilNanos, long nowNanos) {
        return METADATA_PREFIX + (System.currentTimeMillis() + Math.max(0, (untilNanos - nowNanos) / 1_000_000));
    }

    /**
     * The fence a commit's metadata carries, on the {@link System#nanoTime()} clock, or {@link
     * Long#MIN_VALUE} for none; never longer than {@code boundNanos} from now (the writer that wrote
     * it may have a clock ahead of this one's).
     */
    static long untilNanos(String metadata, long nowNanos, long boundNanos) {
        if (metadata == null || !metadata.startsWith(METADATA_PREFIX)) {
            return Long.MIN_VALUE;
        }
        try {
            long untilMillis = Long.parseLong(metadata.substring(METADATA_PREFIX.length()));
            long left = untilMillis - System.currentTimeMillis();
            return left <= 0 ? Long.MIN_VALUE : nowNanos + Math.min(left * 1_000_000, boundNanos);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * How long a partition just assigned waits before its first request: a killed owner wrote no
     * fence, and the group hands its partitions over no sooner than {@code session.timeout.ms} less
     * one {@code heartbeat.interval.ms} after its last request; what the bound exceeds that by is waited.
     */
    static Duration afterAssignment(Duration lateWriteBound, Map<String, Object> consumerProperties) {
        return Duration.ofMillis(Math.max(0, lateWriteBound.toMillis() - silence(consumerProperties).toMillis()));
    }

    /** How long a member may go without heartbeating and keep its partitions: the session timeout less one heartbeat interval. */
    static Duration silence(Map<String, Object> consumerProperties) {
        long session = millis(consumerProperties.get("session.timeout.ms"), 45_000);
        long heartbeat = millis(consumerProperties.get("heartbeat.interval.ms"), 3_000);
        return Duration.ofMillis(Math.max(0, session - heartbeat));
    }

    private static long millis(Object value, long otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
