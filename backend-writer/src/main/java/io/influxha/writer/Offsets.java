package io.influxha.writer;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offsets that are safe to commit (every record before them was written or dead-lettered), and
 * their synchronous commit on the poll thread. A failed commit is kept and tried again; if the
 * partition moved meanwhile, its new owner replays from the last commit, which is harmless
 * because writes with explicit timestamps are idempotent.
 */
final class Offsets {
    private static final Logger log = LoggerFactory.getLogger(Offsets.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String backend;
    private final Map<TopicPartition, OffsetAndMetadata> ready = new HashMap<>();
    private final Map<TopicPartition, Long> latest = new HashMap<>();
    private final LogThrottle failureLog = new LogThrottle(30_000_000_000L);

    Offsets(Consumer<byte[], byte[]> consumer, String backend) {
        this.consumer = consumer;
        this.backend = backend;
    }

    void ready(TopicPartition tp, long offset) {
        ready.put(tp, new OffsetAndMetadata(offset));
        latest.put(tp, offset);
    }

    /** An offset committed with metadata: a barrier's announcement that this partition reached it, a fence, a clean handover. */
    void ready(TopicPartition tp, long offset, String metadata) {
        ready.put(tp, new OffsetAndMetadata(offset, metadata));
        latest.put(tp, offset);
    }

    /** The offset last handed over for {@code tp} by this member, committed or not yet, or -1. */
    long latest(TopicPartition tp) {
        return latest.getOrDefault(tp, -1L);
    }

    void forget(TopicPartition tp) {
        ready.remove(tp);
        latest.remove(tp);
    }

    void commit() {
        if (ready.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> batch = new HashMap<>(ready);
        try {
            // committing the same offsets again is safe
            Wakeups.absorb(() -> {
                consumer.commitSync(batch);
                return null;
            });
            batch.forEach((tp, o) -> ready.remove(tp, o));
            failureLog.reset();
        } catch (WakeupException e) {
            // woken again and again: the offsets stay ready for the next turn
        } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
            if (failureLog.allow(System.nanoTime())) {
                log.warn("event=commit_failed backend={} partitions={} error=\"{}\"", backend, batch.keySet(), e.toString());
            }
        }
    }
}
