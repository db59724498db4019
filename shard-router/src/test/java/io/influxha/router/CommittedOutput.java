package io.influxha.router;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a writer would see: the committed ({@code read_committed}) data records of some topics,
 * read from the beginning without a group, noops and DDL skipped, one entry per line.
 */
final class CommittedOutput implements AutoCloseable {
    /** One routed line with where it was found. */
    record Line(String topic, int partition, long offset, String key, String text) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    CommittedOutput(String bootstrap, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once; returns the number of lines read so far. */
    int poll() {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
            if (RecordHeaders.isNoop(rec.headers()) || RecordHeaders.isDdl(rec.headers())) {
                continue;
            }
            String key = rec.key() == null ? "" : new String(rec.key(), StandardCharsets.UTF_8);
            new String(rec.value(), StandardCharsets.UTF_8).lines()
                    .forEach(text -> lines.add(new Line(rec.topic(), rec.partition(), rec.offset(), key, text)));
        }
        return lines.size();
    }

    /** True when every partition has been read up to its last stable offset. */
    boolean atEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    }

    List<Line> lines() {
        return lines;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
