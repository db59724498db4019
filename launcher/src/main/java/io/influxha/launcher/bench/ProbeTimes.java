package io.influxha.launcher.bench;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The clock of the visibility probes (all times {@code System.nanoTime}). Probe {@code k} (0, 1,
 * ...) is allocated before it is sent, acknowledged at most once, and first seen in replica
 * {@code r} when a poll of {@code r} returned a maximum at or above it: probes form one series,
 * so a replica applies them in order, and seeing {@code k} means every probe below {@code k} that
 * was written is there too. A probe is visible in every replica at the latest of its first-seen
 * times; its latency is that minus its ack time. Thread-safe: one prober, one poller per replica.
 */
final class ProbeTimes {
    private static final long NONE = Long.MIN_VALUE;

    private long[] acks = new long[64];
    private int allocated;
    private int failed;
    private int lastAcked = -1;
    private boolean finished;
    private final long[][] firstSeen;
    private final int[] seenBelow; // per replica: every probe < seenBelow[r] has a first-seen time

    ProbeTimes(int replicas) {
        firstSeen = new long[replicas][64];
        seenBelow = new int[replicas];
    }

    /** The next probe number, to be sent now. */
    synchronized int next() {
        if (allocated == acks.length) {
            acks = Arrays.copyOf(acks, acks.length * 2);
        }
        acks[allocated] = NONE;
        return allocated++;
    }

    synchronized void acked(int probe, long nanos) {
        acks[probe] = nanos;
        lastAcked = Math.max(lastAcked, probe);
    }

    synchronized void failed() {
        failed++;
    }

    /** No probe is sent after this. */
    synchronized void finish() {
        finished = true;
    }

    /**
     * Replica {@code r} holds probe {@code max} (and so every one below) as of {@code nanos};
     * probes not yet allocated are ignored (a stale or foreign value).
     */
    synchronized void seen(int r, long max, long nanos) {
        int upTo = (int) Math.min(max, allocated - 1L);
        if (upTo < seenBelow[r]) {
            return;
        }
        if (upTo >= firstSeen[r].length) {
            firstSeen[r] = Arrays.copyOf(firstSeen[r], Math.max(firstSeen[r].length * 2, upTo + 1));
        }
        Arrays.fill(firstSeen[r], seenBelow[r], upTo + 1, nanos);
        seenBelow[r] = upTo + 1;
    }

    /** True once probing is over and replica {@code r} has seen every acknowledged probe: its poller may stop. */
    synchronized boolean complete(int r) {
        return finished && seenBelow[r] > lastAcked;
    }

    /** Latencies of the acknowledged probes seen in every replica, and the counts of the others. */
    synchronized Visibility visibility() {
        Histogram micros = new Histogram(3_600_000_000L, 3);
        int notVisible = 0;
        for (int k = 0; k < allocated; k++) {
            if (acks[k] == NONE) {
                continue;
            }
            long visibleAt = visibleAt(k);
            if (visibleAt == NONE) {
                notVisible++;
            } else {
                // Seen before its ack reached the prober (possible, the ack travels back): 0, not negative.
                micros.recordValue(Math.max(0, (visibleAt - acks[k]) / 1000));
            }
        }
        return new Visibility(micros, notVisible, failed);
    }

    private long visibleAt(int k) {
        long at = NONE;
        for (int r = 0; r < firstSeen.length; r++) {
            if (k >= seenBelow[r]) {
                return NONE;
            }
            at = Math.max(at, firstSeen[r][k]);
        }
        return at;
    }

    /**
     * @param micros write-to-visible-in-every-replica latency of each counted probe
     * @param notVisible acknowledged probes some replica never showed before the deadline
     * @param failed probes not acknowledged (not counted)
     */
    record Visibility(Histogram micros, int notVisible, int failed) {
        /** {@code visibility: probes=.. p50=..ms p99=..ms max=..ms not_visible=.. poll_interval=..ms failed=..} */
        String line(long pollMillis) {
            Histogram h = micros;
            return String.format("visibility: probes=%d p50=%.1fms p99=%.1fms max=%.1fms not_visible=%d poll_interval=%dms failed=%d",
                    h.getTotalCount(), BenchResult.ms(h, 50), BenchResult.ms(h, 99), h.getMaxValue() / 1000.0, notVisible,
                    pollMillis, failed);
        }

        /** The result-line fragment; -1 when no probe was seen. */
        String resultFields() {
            if (micros.getTotalCount() == 0) {
                return " vis_p50_ms=-1 vis_p99_ms=-1";
            }
            return String.format(" vis_p50_ms=%.1f vis_p99_ms=%.1f", BenchResult.ms(micros, 50), BenchResult.ms(micros, 99));
        }
    }
}
