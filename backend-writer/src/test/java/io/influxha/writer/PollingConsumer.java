package io.influxha.writer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;

/**
 * Kafka's MockConsumer, except that an empty poll waits (up to its timeout, at most 50 ms) for a
 * record or a wakeup, like the real consumer, instead of spinning the writer's loop.
 */
final class PollingConsumer extends MockConsumer<byte[], byte[]> {
    PollingConsumer() {
        super("earliest");
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        long waitMs = Math.min(timeout.toMillis(), 50);
        if (records.isEmpty() && waitMs > 0) {
            try {
                wait(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    @Override
    public synchronized void addRecord(ConsumerRecord<byte[], byte[]> record) {
        if (redeliverOnSeek) {
            history.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), k -> new java.util.ArrayList<>()).add(record);
        }
        super.addRecord(record);
        notifyAll();
    }

    /**
     * When set, a seek delivers again the records added at or after the offset sought, as a real
     * consumer reads its log again (MockConsumer forgets a record once polled). Off by default.
     */
    volatile boolean redeliverOnSeek;
    private final Map<TopicPartition, java.util.List<ConsumerRecord<byte[], byte[]>>> history = new java.util.HashMap<>();

    @Override
    public synchronized void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        super.seek(partition, offsetAndMetadata);
        redeliver(partition, offsetAndMetadata.offset());
    }

    @Override
    public synchronized void seekToBeginning(java.util.Collection<TopicPartition> partitions) {
        super.seekToBeginning(partitions);
        partitions.forEach(tp -> redeliver(tp, 0));
    }

    private void redeliver(TopicPartition tp, long from) {
        if (redeliverOnSeek) {
            history.getOrDefault(tp, java.util.List.of()).stream().filter(r -> r.offset() >= from).forEach(super::addRecord);
            notifyAll();
        }
    }

    /**
     * How many of the next committed() reads throw WakeupException, as the real consumer's do when
     * a wakeup() (a finished write) is pending at the blocking call.
     */
    final java.util.concurrent.atomic.AtomicInteger wakeupsOnCommitted = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(java.util.Set<TopicPartition> partitions, Duration timeout) {
        if (wakeupsOnCommitted.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new org.apache.kafka.common.errors.WakeupException();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>(super.committed(partitions, timeout));
        // MockConsumer answers offset 0 for a partition it is not assigned; the group's commit is wanted.
        partitions.stream().filter(tp -> !assignment().contains(tp)).forEach(tp -> {
            OffsetAndMetadata c = othersCommits.get(tp);
            if (c == null) {
                committed.remove(tp);
            } else {
                committed.put(tp, c);
            }
        });
        // an assigned partition this member never committed: what the group had before it
        partitions.stream().filter(tp -> committed.get(tp) == null && othersCommits.containsKey(tp))
                .forEach(tp -> committed.put(tp, othersCommits.get(tp)));
        return committed;
    }

    /**
     * How many of the next position() reads throw WakeupException, as the real consumer's do when
     * the position must be looked up or validated (after a seek with a leader epoch that changed)
     * and a wakeup() is pending.
     */
    final java.util.concurrent.atomic.AtomicInteger wakeupsOnPosition = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized long position(TopicPartition partition) {
        if (wakeupsOnPosition.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new org.apache.kafka.common.errors.WakeupException();
        }
        return super.position(partition);
    }

    @Override
    public synchronized long position(TopicPartition partition, Duration timeout) {
        return position(partition);
    }

    /** Commits of partitions this member is not assigned: the other members of the group. */
    private final Map<TopicPartition, OffsetAndMetadata> othersCommits = new ConcurrentHashMap<>();

    /** Offsets committed so far; still readable after the writer closed the consumer. */
    final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
    /** The metadata of the last commit of each partition ("" for none). */
    final Map<TopicPartition, String> commitMetadata = new ConcurrentHashMap<>();

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
        offsets.forEach((tp, o) -> commitMetadata.put(tp, o.metadata() == null ? "" : o.metadata()));
        offsets.forEach((tp, o) -> {
            if (!assignment().contains(tp)) {
                othersCommits.put(tp, o);
            }
        });
    }

    @Override
    public synchronized void wakeup() {
        super.wakeup();
        notifyAll();
    }
}
