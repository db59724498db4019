package io.influxha.e2e;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client that writes batches with explicit millisecond timestamps, one after the other, and
 * retries a batch until the gateway acknowledges it (204), as Telegraf does with its buffer. Since
 * batch k+1 is only sent after batch k was acknowledged, the acknowledged points are exactly the
 * sequence numbers 0..{@link #acknowledgedUpTo()}; a retried batch carries the same points and
 * times, so writing it twice stores it once.
 */
final class SteadyLoad implements AutoCloseable {
    static final String DB = "faults";
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(180);
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<GatewayClient> gateways;
    private int next;
    private final SentPoints sent = new SentPoints();
    private final long baseNs;
    private final int pointsPerBatch;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long acknowledgedUpTo = -1;
    private volatile long acknowledgedBatches;
    private volatile long failedAttempts;
    private volatile String failure;
    /** Sequence numbers of the acknowledged batches that needed more than one attempt. */
    private final java.util.Set<Long> retried = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long lastAcknowledgedNanos = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicLong longestGapNanos = new java.util.concurrent.atomic.AtomicLong();

    SteadyLoad(GatewayClient client, long baseNs, int pointsPerBatch) {
        this(List.of(client), baseNs, pointsPerBatch);
    }

    /**
     * A client spread over several gateways, as behind a load balancer: batch k goes to gateway
     * k mod n, and an attempt that failed is retried on the next one.
     */
    SteadyLoad(List<GatewayClient> gateways, long baseNs, int pointsPerBatch) {
        this.gateways = List.copyOf(gateways);
        this.baseNs = baseNs;
        this.pointsPerBatch = pointsPerBatch;
        this.thread = new Thread(this::run, "steady-load");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        String path = "/write?db=" + DB + "&precision=ms";
        while (running) {
            SentPoints.Batch batch;
            synchronized (sent) {
                batch = sent.batch(pointsPerBatch, "ms", true, baseNs);
            }
            long failedBefore = failedAttempts;
            if (!writeUntilAcknowledged(path, batch)) {
                return;
            }
            synchronized (sent) {
                batch.acknowledged(0, 0);
            }
            if (failedAttempts != failedBefore) {
                for (long seq = acknowledgedUpTo + 1; seq <= acknowledgedUpTo + pointsPerBatch; seq++) {
                    retried.add(seq);
                }
            }
            long now = System.nanoTime();
            longestGapNanos.accumulateAndGet(now - lastAcknowledgedNanos, Math::max);
            lastAcknowledgedNanos = now;
            acknowledgedUpTo += pointsPerBatch;
            acknowledgedBatches++;
            LockSupport.parkNanos(PACE_NANOS); // a steady rate, not a synchronisation
        }
    }

    private boolean writeUntilAcknowledged(String path, SentPoints.Batch batch) {
        long end = System.nanoTime() + BATCH_DEADLINE.toNanos();
        String last = "none";
        while (running && System.nanoTime() - end < 0) {
            try {
                GatewayClient client = gateways.get(next);
                next = (next + 1) % gateways.size();
                HttpResponse<String> response = client.post(path, batch.body);
                if (response.statusCode() == 204) {
                    return true;
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() >= 400 && response.statusCode() < 500) {
                    failure = "batch rejected with " + last;
                    return false;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            failedAttempts++;
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
        }
        if (running) {
            failure = "batch not acknowledged within " + BATCH_DEADLINE + " (last answer: " + last + ")";
        }
        return false;
    }

    /** Highest acknowledged sequence number; every lower one was acknowledged too. -1 before the first. */
    long acknowledgedUpTo() {
        return acknowledgedUpTo;
    }

    long acknowledgedBatches() {
        return acknowledgedBatches;
    }

    long failedAttempts() {
        return failedAttempts;
    }

    /**
     * The acknowledged sequence numbers whose batch took more than one attempt: an attempt that
     * failed without a clear answer may have been published all the same, so these may legitimately
     * be in the log twice.
     */
    java.util.Set<Long> retried() {
        return java.util.Set.copyOf(retried);
    }

    /**
     * The longest time between two acknowledgements (or from the last one until now) since the
     * previous call, in milliseconds: how long the load stood still at worst, its pace included.
     */
    long takeLongestGapMillis() {
        long open = System.nanoTime() - lastAcknowledgedNanos;
        return TimeUnit.NANOSECONDS.toMillis(Math.max(open, longestGapNanos.getAndSet(0)));
    }

    /** Why the load stopped on its own, or null while it runs. */
    String failure() {
        return failure;
    }

    /** The stored time of the point {@code seq}: its batch said {@code baseMs + seq} milliseconds. */
    long timeNs(long seq) {
        return (baseNs / 1_000_000 + seq) * 1_000_000;
    }

    /** The acknowledged points with sequence numbers up to {@code upTo}, in order. */
    List<SentPoints.Sent> acknowledged(long upTo) {
        List<SentPoints.Sent> result = new ArrayList<>();
        synchronized (sent) {
            for (SentPoints.Sent s : sent.acknowledged()) {
                if (s.seq() <= upTo) {
                    result.add(s);
                }
            }
        }
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(40));
    }
}
