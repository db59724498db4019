package io.influxha.writer;

/**
 * Lets the first event of a streak through, then at most one per interval, so a backend that is
 * down for an hour costs a few log lines, not one per retry. Used by one thread only.
 */
final class LogThrottle {
    private final long intervalNanos;
    private boolean open = true;
    private long lastNanos;

    LogThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    boolean allow(long nowNanos) {
        if (open || nowNanos - lastNanos >= intervalNanos) {
            open = false;
            lastNanos = nowNanos;
            return true;
        }
        return false;
    }

    /** The streak ended: the next event is logged at once. */
    void reset() {
        open = true;
    }
}
