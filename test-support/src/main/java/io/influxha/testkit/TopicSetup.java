package io.influxha.testkit;

import io.influxha.core.RecordHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates topics (replication factor 1) and writes one synchronous {@code noop} record to each
 * partition before a test produces: Kafka 4.4 can silently drop the first pipelined batch into a
 * just-created partition (KAFKA-15591). Consumers of the project skip {@code noop} records.
 */
final class TopicSetup {
    private static final long TIMEOUT_SECONDS = 60;

    private TopicSetup() {}

    static void create(String bootstrap, Map<String, Integer> nameToPartitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            nameToPartitions.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
            warmUp(bootstrap, nameToPartitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + nameToPartitions.keySet(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not create topics " + nameToPartitions.keySet() + " in time", e);
        }
    }

    private static void warmUp(String bootstrap, Map<String, Integer> nameToPartitions) throws InterruptedException {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (var entry : nameToPartitions.entrySet()) {
                for (int p = 0; p < entry.getValue(); p++) {
                    ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(entry.getKey(), p, null, new byte[0]);
                    RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_NOOP);
                    try {
                        producer.send(rec).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                        throw new IllegalStateException("cannot write the noop record to " + entry.getKey() + "-" + p + ": " + e, e);
                    }
                }
            }
        }
    }
}
