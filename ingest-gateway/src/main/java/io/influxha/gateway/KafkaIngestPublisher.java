package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;

/**
 * Publishes to {@code <prefix>.ingest} with an idempotent producer and {@code acks=all}, so an
 * acknowledged record is on every in-sync replica and a retried send is never duplicated.
 *
 * <p>Timeouts are tied to {@code gateway.publish_timeout}: {@code max.block.ms} equals it (a send
 * waiting for metadata or buffer space never holds a request longer), and
 * {@code delivery.timeout.ms} exceeds it, so the request gives up (503) before the producer does.
 */
final class KafkaIngestPublisher implements IngestPublisher {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final AutoCloseable producerMetrics;
    private final String topic;
    /** The ingest topic's partition count, read at the first send and kept: 0 until then. */
    private volatile int partitions;
    private final DdlTransactions ddl;

    KafkaIngestPublisher(Producer<byte[], byte[]> producer, String topic, DdlTransactions ddl) {
        this.producer = producer;
        this.producerMetrics = Metrics.kafka(producer);
        this.topic = topic;
        this.ddl = ddl;
    }

    static KafkaIngestPublisher create(InfluxHaConfig config, KafkaCluster kafka, long bufferBytes) {
        return new KafkaIngestPublisher(new KafkaProducer<>(producerConfig(config, kafka, bufferBytes)),
                Topics.ingest(config.kafka().topicPrefix()), DdlTransactions.create(config, kafka));
    }

    static Map<String, Object> producerConfig(InfluxHaConfig config, KafkaCluster kafka, long bufferBytes) {
        long publishMs = Math.max(1, config.gateway().publishTimeout().toMillis());
        int lingerMs = 5;
        long deliveryMs = publishMs + 30_000;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 << 10);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L << 20, bufferBytes));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, deliveryMs - lingerMs));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryMs));
        return kafka.producerProps("gateway", props);
    }

    /** Data goes to the partition of its key. */
    @Override
    public CompletableFuture<Void> send(IngestRecord record) {
        return sendTo(record);
    }

    /**
     * A DDL statement goes to EVERY ingest partition, in one transaction with its catalog entries
     * ({@link DdlTransactions}): a write acknowledged after the statement may take any partition,
     * and only a copy in that same partition is sure to be routed before it.
     */
    @Override
    public void publishDdl(String db, String statement, List<CatalogEntry> catalogEntries) {
        ddl.publish(db, statement, catalogEntries);
    }

    /**
     * The partition of a key: Kafka's default placement (murmur2 of the key), by the count this
     * gateway read once, so partitions added to the topic under a running gateway never move a key
     * away from its earlier records (at start, the topic check refuses a count other than
     * kafka.partitions).
     */
    static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private int partitions() {
        int n = partitions;
        if (n == 0) {
            n = producer.partitionsFor(topic).size(); // waits for metadata as a send would, at most max.block.ms
            partitions = n;
        }
        return n;
    }

    private CompletableFuture<Void> sendTo(IngestRecord record) {
        byte[] key = record.key().getBytes(StandardCharsets.UTF_8);
        int partition;
        try {
            partition = partitionOf(key, partitions());
        } catch (KafkaException e) {
            return CompletableFuture.failedFuture(e);
        }
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, partition, key, record.value());
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, record.db());
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, record.rp());
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, record.kind());
        if (!record.incarnation().isEmpty()) {
            RecordHeaders.put(rec.headers(), RecordHeaders.DB_INCARNATION, record.incarnation());
        }
        if (!record.policyIncarnation().isEmpty()) {
            RecordHeaders.put(rec.headers(), RecordHeaders.RP_INCARNATION, record.policyIncarnation());
        }
        if (RecordHeaders.KIND_DATA.equals(record.kind())) {
            RecordHeaders.put(rec.headers(), RecordHeaders.LINES, RecordHeaders.LINES_CHECKED); // PointGrouper's output
        }
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(rec, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(null);
                }
            });
        } catch (KafkaException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    /** Where the DDL transactions learn other gateways' last statements (the catalog). */
    void predecessorsFrom(java.util.function.Supplier<List<String>> lastOfGateways) {
        ddl.predecessorsFrom(lastOfGateways);
    }

    /** Where the DDL transactions read a database's incarnation (the catalog). */
    void incarnationsFrom(java.util.function.Function<String, String> incarnationOf) {
        ddl.incarnationsFrom(incarnationOf);
    }

    @Override
    public void close() {
        producer.flush();
        Metrics.unbind(producerMetrics);
        producer.close(CLOSE_TIMEOUT);
        ddl.close();
    }
}
