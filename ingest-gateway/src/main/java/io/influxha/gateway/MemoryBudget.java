package io.influxha.gateway;

import java.util.concurrent.Semaphore;

/**
 * Bounds the bytes all requests together hold: request bodies as they are read, and the Kafka
 * record values built from them, until the broker acknowledged them. When the budget is spent a
 * request is refused at once with 503 and {@code Retry-After} instead of queueing, so a burst of
 * clients cannot exhaust the heap. Permits are KiB so that budgets above 2 GiB still fit an int.
 */
final class MemoryBudget {
    private final Semaphore kib;
    private final long limitBytes;

    MemoryBudget(long limitBytes) {
        this.limitBytes = limitBytes;
        this.kib = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, limitBytes >> 10)));
    }

    /** 64 MiB or twice the largest body, whichever is more: two full-size requests always fit. */
    static long defaultLimit(long maxBodySize) {
        return Math.max(64L << 20, 2 * maxBodySize);
    }

    long limitBytes() {
        return limitBytes;
    }

    Reservation open() {
        return new Reservation();
    }

    /** What one request holds; not thread-safe, closed exactly once by the request. */
    final class Reservation implements AutoCloseable {
        private int heldKib;
        private long accountedBytes;

        /** @throws RejectedRequestException 503 when the budget cannot cover {@code bytes} more */
        void grow(long bytes) {
            long total = accountedBytes + bytes;
            int neededKib = (int) Math.min(Integer.MAX_VALUE, (total + 1023) >> 10);
            int more = neededKib - heldKib;
            if (more > 0) {
                if (!kib.tryAcquire(more)) {
                    throw RejectedRequestException.unavailable("influx-ha gateway is busy: its " + (limitBytes >> 10)
                            + " KiB budget for writes in flight to Kafka is spent; retry", null);
                }
                heldKib = neededKib;
            }
            accountedBytes = total;
        }

        @Override
        public void close() {
            kib.release(heldKib);
            heldKib = 0;
            accountedBytes = 0;
        }
    }
}
