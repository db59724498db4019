package io.influxha.gateway;

import io.javalin.http.Handler;
import java.time.Duration;

/**
 * Counts requests being served so that a graceful close can wait for them (bounded), and refuses
 * new ones once closing starts: a client on a kept-alive connection gets 503 with
 * {@code Retry-After} and retries elsewhere instead of losing its write.
 */
final class InFlightRequests {
    private int active;
    private boolean closing;

    Handler guard(Handler inner) {
        return ctx -> {
            enter();
            try {
                inner.handle(ctx);
            } finally {
                exit();
            }
        };
    }

    private synchronized void enter() {
        if (closing) {
            throw RejectedRequestException.unavailable("influx-ha gateway is shutting down; retry", null);
        }
        active++;
    }

    private synchronized void exit() {
        if (--active == 0) {
            notifyAll();
        }
    }

    /** Refuses new requests and waits up to {@code timeout} for the active ones; returns how many are left. */
    synchronized int closeAndAwait(Duration timeout) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return active;
    }
}
