package io.influxha.core.catalog;

import io.influxha.core.KafkaCluster;
import io.influxha.core.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes catalog records, each acknowledged by every in-sync replica before {@link #publish} returns. */
public final class CatalogPublisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public CatalogPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static CatalogPublisher create(KafkaCluster kafka, String clientName) {
        Producer<byte[], byte[]> producer = kafka.producer("catalog-" + clientName, Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)); // a request never hangs on metadata longer than this
        return new CatalogPublisher(producer, Topics.catalog(kafka.settings().topicPrefix()));
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
