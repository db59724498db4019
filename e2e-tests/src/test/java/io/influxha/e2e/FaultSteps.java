package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the fault suites share: inject a fault under a {@link SteadyLoad}, let it last until a
 * condition, recover, and check that both replicas hold every acknowledged point once, with the
 * same count and content checksum per measurement; plus the conditions a fault lasts until.
 */
final class FaultSteps {
    /** Per fault: how long the fault may last, and how long recovery plus convergence may take. */
    static final Duration DWELL = Duration.ofSeconds(60);
    static final Duration CONVERGE = Duration.ofSeconds(150);
    /** How often convergence is probed: each probe counts every measurement in both replicas. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    /**
     * The figures of one fault; times in milliseconds: the fault lasted from its injection until
     * its condition held; recovery ran from then until the recovery step returned; convergence is
     * measured from the start of recovery until both replicas hold what was acknowledged; the
     * longest stall is the longest time the load waited for an acknowledgement from the injection
     * until convergence.
     */
    record Figures(String name, long pointsAcknowledged, long pointsAdded, long faultMs, long recoverMs, long convergeMs,
            long longestStallMs, Object checksums) {}

    private final Path dir;
    private final SteadyLoad load;
    private final InfluxdProcess a;
    private final InfluxdProcess b;

    FaultSteps(Path dir, SteadyLoad load, InfluxdProcess a, InfluxdProcess b) {
        this.dir = dir;
        this.load = load;
        this.a = a;
        this.b = b;
    }

    /** Injects a fault, lets it last until {@code over}, recovers, and checks both replicas. */
    Figures fault(String name, Runnable inject, BooleanSupplier over, Runnable recover) {
        long ackedBefore = load.acknowledgedUpTo() + 1;
        long injected = System.nanoTime();
        load.takeLongestGapMillis();
        inject.run();
        Await.until(DWELL, over, () -> "the fault \"" + name + "\" to be felt; " + state());
        long recovering = System.nanoTime();
        recover.run();
        long recovered = System.nanoTime();
        awaitProgress(5);
        long upTo = load.acknowledgedUpTo();
        long upToNs = load.timeNs(upTo);
        ReplicaDigest expected = ReplicaDigest.expected(load.acknowledged(upTo), load);
        Await.until(CONVERGE, atMostEvery(PROBE_INTERVAL, () -> expected.counts().equals(ReplicaDigest.counts(a, SteadyLoad.DB, upToNs))
                        && expected.counts().equals(ReplicaDigest.counts(b, SteadyLoad.DB, upToNs))),
                () -> "after \"" + name + "\": both replicas to hold " + expected.counts() + " points up to seq " + upTo
                        + "; " + counts(upToNs) + "; missing from a: " + missing(a, upTo) + "; missing from b: " + missing(b, upTo)
                        + "; " + state());
        long converged = System.nanoTime();
        assertThat(ReplicaDigest.read(a, SteadyLoad.DB, upToNs)).as("replica a after %s", name).isEqualTo(expected);
        assertThat(ReplicaDigest.read(b, SteadyLoad.DB, upToNs)).as("replica b after %s", name).isEqualTo(expected);
        return new Figures(name, upTo + 1, upTo + 1 - ackedBefore, millis(injected, recovering), millis(recovering, recovered),
                millis(recovering, converged), load.takeLongestGapMillis(), expected.checksums());
    }

    void awaitProgress(int batches) {
        BooleanSupplier progressed = batchesAcknowledged(batches);
        Await.until(CONVERGE, () -> progressed.getAsBoolean() || load.failure() != null, () -> "the load to progress; " + state());
        assertThat(load.failure()).as("the load client").isNull();
    }

    /** Evaluates {@code probe} at most once per interval (false in between), so polling does not load the replicas. */
    static BooleanSupplier atMostEvery(Duration interval, BooleanSupplier probe) {
        long[] next = {System.nanoTime()};
        return () -> {
            long now = System.nanoTime();
            if (now - next[0] < 0) {
                return false;
            }
            next[0] = now + interval.toNanos();
            return probe.getAsBoolean();
        };
    }

    /**
     * Over once both replicas hold every point acknowledged up to 1 s after the fault: with no
     * restart, the fault's duration is the takeover by the role's other instance (the figure
     * the suite reports as fault_ms), session timeout and rebalance included.
     */
    BooleanSupplier visibleAgain() {
        long felt = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long[] upTo = {-1};
        ReplicaDigest[] expected = {null};
        BooleanSupplier probe = atMostEvery(Duration.ofMillis(250), () -> {
            long upToNs = load.timeNs(upTo[0]);
            return expected[0].counts().equals(ReplicaDigest.counts(a, SteadyLoad.DB, upToNs))
                    && expected[0].counts().equals(ReplicaDigest.counts(b, SteadyLoad.DB, upToNs));
        });
        return () -> {
            if (upTo[0] < 0) {
                if (System.nanoTime() - felt < 0) {
                    return false;
                }
                upTo[0] = load.acknowledgedUpTo();
                expected[0] = ReplicaDigest.expected(load.acknowledged(upTo[0]), load);
            }
            return probe.getAsBoolean();
        };
    }

    BooleanSupplier batchesAcknowledged(int n) {
        long target = load.acknowledgedBatches() + n;
        return () -> load.acknowledgedBatches() >= target;
    }

    BooleanSupplier attemptsFailed(int n) {
        long target = load.failedAttempts() + n;
        return () -> load.failedAttempts() >= target;
    }

    private String counts(long upToNs) {
        return "a=" + quietly(() -> ReplicaDigest.counts(a, SteadyLoad.DB, upToNs))
                + " b=" + quietly(() -> ReplicaDigest.counts(b, SteadyLoad.DB, upToNs));
    }

    /** The acknowledged sequence numbers up to {@code upTo} that the replica lacks, as ranges. */
    private Object missing(InfluxdProcess replica, long upTo) {
        return quietly(() -> {
            java.util.Set<Long> stored = ReplicaContent.read(replica, SteadyLoad.DB).keySet();
            List<long[]> ranges = new ArrayList<>();
            for (SentPoints.Sent s : load.acknowledged(upTo)) {
                if (stored.contains(s.seq())) {
                    continue;
                }
                long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null && last[1] == s.seq() - 1) {
                    last[1] = s.seq();
                } else {
                    ranges.add(new long[] {s.seq(), s.seq()});
                }
            }
            return ranges.stream().map(r -> r[0] == r[1] ? Long.toString(r[0]) : r[0] + "-" + r[1]).toList();
        });
    }

    String state() {
        return "load acknowledged up to seq " + load.acknowledgedUpTo() + ", failed attempts " + load.failedAttempts()
                + ", load failure " + load.failure() + "; logs under " + dir;
    }

    private static Object quietly(java.util.function.Supplier<Object> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }

    /** Closes each that is not null, in order, and goes on past a failure (printed): a suite's cleanup. */
    static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable c : resources) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception | Error e) {
                System.err.println("cleanup: " + e);
            }
        }
    }
}
