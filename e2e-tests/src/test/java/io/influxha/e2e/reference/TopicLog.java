package io.influxha.e2e.reference;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A whole topic read {@code read_committed} from the beginning to its last stable offset, without
 * a consumer group, per partition in offset order; {@code noop} records left out.
 */
public final class TopicLog {
    private TopicLog() {}

    public static Map<Integer, List<LogRecord>> read(String bootstrap, String topic, Duration timeout) {
        Map<Integer, List<LogRecord>> partitions = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            tps.forEach(tp -> partitions.put(tp.partition(), new ArrayList<>()));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(topic, r.partition())) && !RecordHeaders.isNoop(r.headers())) {
                        partitions.get(r.partition()).add(record(r));
                    }
                }
            }
        }
        return partitions;
    }

    private static LogRecord record(ConsumerRecord<byte[], byte[]> r) {
        Header copy = r.headers().lastHeader("ddl_copy");
        String copies = RecordHeaders.get(r.headers(), RecordHeaders.DDL_COPIES);
        return new LogRecord(r.topic(), r.partition(), r.offset(), RecordHeaders.isDdl(r.headers()),
                RecordHeaders.get(r.headers(), RecordHeaders.DB), RecordHeaders.get(r.headers(), RecordHeaders.RP),
                RecordHeaders.get(r.headers(), RecordHeaders.DDL_ID), copies.isEmpty() ? 0 : Integer.parseInt(copies),
                copy == null ? null : Integer.valueOf(new String(copy.value(), StandardCharsets.UTF_8)),
                r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8),
                RecordHeaders.get(r.headers(), RecordHeaders.DB_INCARNATION), RecordHeaders.get(r.headers(), RecordHeaders.RP_INCARNATION));
    }
}
