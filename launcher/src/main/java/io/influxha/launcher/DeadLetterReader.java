package io.influxha.launcher;

import io.influxha.core.KafkaCluster;
import io.influxha.core.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the dead-letter topic from the first record at or after {@code sinceMs} up to the end
 * offsets seen when reading starts (records dead-lettered meanwhile are left for the next run),
 * without a consumer group: listing or replaying never moves anyone's position.
 */
final class DeadLetterReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    /** Gives up when the end is not reached after this many polls without a record. */
    private static final int MAX_EMPTY_POLLS = 60;

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final String topic;

    DeadLetterReader(KafkaCluster kafka) {
        this.consumer = kafka.consumer("dlq-tool", Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        this.topic = Topics.dlq(kafka.settings().topicPrefix());
    }

    /** Calls {@code each} for every record from {@code sinceMs} to the current end, partition by partition. */
    void read(long sinceMs, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, sinceMs));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = starts.get(tp);
            consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
        }
        int empty = 0;
        while (!reachedEnd(partitions, ends)) {
            var records = consumer.poll(POLL);
            empty = records.isEmpty() ? empty + 1 : 0;
            if (empty > MAX_EMPTY_POLLS) {
                throw new IllegalStateException("reading " + topic + " made no progress for "
                        + POLL.multipliedBy(MAX_EMPTY_POLLS).toSeconds() + " s before its end " + ends);
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                    each.accept(r);
                }
            }
        }
    }

    private boolean reachedEnd(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
