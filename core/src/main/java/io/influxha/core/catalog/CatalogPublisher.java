package io.influxha.core.catalog;

import io.influxha.core.KafkaClients;
import io.influxha.core.Topics;
import io.influxha.core.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes catalog records, each acknowledged by every in-sync replica before {@link #publish} returns. */
public final class CatalogPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public CatalogPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static CatalogPublisher create(String bootstrapServers, KafkaSettings kafka, String clientName) {
        Map<String, Object> props = KafkaClients.base(bootstrapServers, kafka.topicPrefix() + "-catalog-" + clientName);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000); // a request never hangs on metadata longer than this
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new CatalogPublisher(new KafkaProducer<>(KafkaClients.withOverrides(props, kafka)), Topics.catalog(kafka.topicPrefix()));
    }

    /**
     * Writes the entries in order and waits for their acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge them within {@code timeout}
     */
    public void publish(List<CatalogEntry> entries, Duration timeout) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (CatalogEntry e : entries) {
            acks.add(producer.send(new ProducerRecord<>(topic, 0, e.keyBytes(), e.valueBytes())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the catalog update on " + topic + " in " + timeout + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
