package io.influxha.core.catalog;

import java.time.Duration;

/**
 * How far one reader of the catalog topic has read, against the topic's end. A negative answer
 * ("no such database", "no such retention policy") rests on "everything written up to a recent
 * moment has been read": {@link #awaitReadToEndSince} is true once the reader's position reached
 * an end observed at or after that moment. Observations are shared by every caller: the tail's own
 * ({@link #observed}, taken when a poll finds nothing new) and those looked up for callers through
 * {@link Lookup}, of which at most one is in flight at a time; callers arriving meanwhile wait for
 * it instead of asking Kafka again. So a burst of callers asking about the same moment costs at
 * most one lookup. Thread-safe; one monitor guards everything.
 */
public final class CatalogEnd {
    /** The topic's end as Kafka reports it now; a seam, so tests can count or fake the lookups. */
    public interface Lookup {
        /** @throws RuntimeException when Kafka did not answer within {@code timeout} */
        long end(Duration timeout);
    }

    private final Lookup lookup;
    private long position;
    private long end = -1;
    private long endAtNanos;
    private boolean lookingUp;
    private long failedLookups;
    private long lookups;
    private boolean closed;

    public CatalogEnd(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The reader has read everything before {@code position}. */
    public synchronized void read(long position) {
        this.position = position;
        notifyAll();
    }

    /** The topic's end was {@code end} (at least) at {@code atNanos} ({@link System#nanoTime()}); older observations are ignored. */
    public synchronized void observed(long end, long atNanos) {
        if (this.end < 0 || atNanos - endAtNanos > 0) {
            this.end = end;
            this.endAtNanos = atNanos;
        }
        notifyAll();
    }

    /** Without waiting: whether the reader reached an end observed at or after {@code sinceNanos}. */
    public synchronized boolean readToEndSince(long sinceNanos) {
        return observedSince(sinceNanos) && position >= end;
    }

    /**
     * Waits until the reader reached an end observed at or after {@code sinceNanos}, looking the
     * end up (or waiting for the lookup in flight) when no such observation exists.
     *
     * @return false when {@code deadlineNanos} passed first, a lookup failed, or this was closed
     */
    public boolean awaitReadToEndSince(long sinceNanos, long deadlineNanos) throws InterruptedException {
        while (true) {
            synchronized (this) {
                long failuresBefore = failedLookups;
                while (!closed && !observedSince(sinceNanos) && lookingUp) {
                    if (!waitUntil(deadlineNanos)) {
                        return false;
                    }
                }
                if (failedLookups != failuresBefore || closed) {
                    return false; // the lookup this caller waited for failed: Kafka is in trouble, say so now
                }
                if (observedSince(sinceNanos)) {
                    while (position < end) {
                        if (closed || !waitUntil(deadlineNanos)) {
                            return false;
                        }
                    }
                    return true;
                }
                lookingUp = true;
            }
            if (!lookUp(deadlineNanos)) {
                return false;
            }
        }
    }

    /** Lookups made for callers since start (the tail's own observations not counted). */
    public synchronized long lookups() {
        return lookups;
    }

    /** Releases every waiting caller with false; later calls answer false at once. */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean observedSince(long sinceNanos) {
        return end >= 0 && endAtNanos - sinceNanos >= 0;
    }

    /** @return false when the deadline has passed */
    private boolean waitUntil(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        wait(Math.max(1, left / 1_000_000));
        return true;
    }

    /**
     * Asks Kafka, outside the monitor, and stamps the answer with the time it was asked: the end
     * was at least that then. A failure is counted, so the callers waiting for it give up too.
     */
    private boolean lookUp(long deadlineNanos) {
        long at = System.nanoTime();
        boolean ok = false;
        try {
            observed(lookup.end(Duration.ofNanos(Math.max(1_000_000, deadlineNanos - at))), at);
            ok = true;
        } catch (RuntimeException e) {
            // Kafka did not answer in time (or this tail is closing): ok stays false
        } finally {
            synchronized (this) {
                lookups++;
                failedLookups += ok ? 0 : 1;
                lookingUp = false;
                notifyAll();
            }
        }
        return ok;
    }
}
