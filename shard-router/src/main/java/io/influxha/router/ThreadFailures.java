package io.influxha.router;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What to do when a stream thread dies. A Kafka-side failure (the broker restarted and aborted the
 * open transaction, a fenced producer, a timeout) replaces the thread: under exactly-once its
 * transaction is aborted and the new thread re-reads from the last committed input offsets, so no
 * record is lost or routed twice. Anything else (a bug in the routing code, a corrupt record) stops
 * the router, and so does a Kafka failure repeating more than {@link #MAX_REPLACEMENTS} times in
 * {@link #WINDOW_NANOS}: then the process exits non-zero and its supervisor decides.
 */
final class ThreadFailures {
    static final int MAX_REPLACEMENTS = 10;
    static final long WINDOW_NANOS = 300_000_000_000L;

    private final Deque<Long> replacements = new ArrayDeque<>();
    private final LongSupplier clock;

    ThreadFailures(LongSupplier clock) {
        this.clock = clock;
    }

    synchronized StreamThreadExceptionResponse decide(Throwable error) {
        if (!kafkaSide(error)) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = clock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() > WINDOW_NANOS) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The deepest cause is a Kafka client error that is not about the bytes of a record. */
    static boolean kafkaSide(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            root = t;
        }
        return root instanceof KafkaException && !(root instanceof SerializationException)
                && !(root instanceof org.apache.kafka.streams.errors.StreamsException);
    }
}
