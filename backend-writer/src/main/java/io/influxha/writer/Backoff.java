package io.influxha.writer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(max, initial * 2^(n-1))}, so replicas that failed together do not retry together.
 */
final class Backoff {
    private static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(5);
    private final long initialNanos;
    private final long maxNanos;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = Math.max(1, initial.toNanos());
        this.maxNanos = Math.max(this.initialNanos, max.toNanos());
    }

    /** @param attempt 1 for the first retry */
    long delayNanos(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 40);
        long ceiling = initialNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
        return jitter(ceiling);
    }

    /** Honours a server's Retry-After (bounded) when it asks for more than the backoff. */
    long delayNanos(int attempt, Duration retryAfter) {
        long own = delayNanos(attempt);
        if (retryAfter == null) {
            return own;
        }
        return Math.max(own, Math.min(retryAfter.toNanos(), RETRY_AFTER_CAP.toNanos()));
    }

    /** For conditions only an operator or another partition can fix: retry, but rarely. */
    long slowNanos() {
        return jitter(maxNanos);
    }

    private static long jitter(long ceiling) {
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }
}
