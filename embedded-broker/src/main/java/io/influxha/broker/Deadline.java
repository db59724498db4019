package io.influxha.broker;

import java.time.Duration;

/** A point in time after which a bounded wait gives up. */
record Deadline(long endNanos) {
    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** Pauses one poll interval (never past the deadline); the caller re-checks its condition. */
    void pause(Duration interval) {
        long nanos = Math.min(interval.toNanos(), remaining().toNanos());
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the broker", e);
        }
    }
}
