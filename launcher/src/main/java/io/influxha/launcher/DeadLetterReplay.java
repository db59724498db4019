package io.influxha.launcher;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Republishes dead letters to the ingest topic as the gateway would have: value unchanged, headers
 * {@code db}, {@code rp}, {@code kind}, plus {@code replayed_from} (the dead letter's
 * topic/partition/offset). A DDL statement gets a fresh {@code ddl_id}, or writers that applied
 * the original id would skip it. Acknowledged with {@code acks=all} like a write.
 */
final class DeadLetterReplay implements AutoCloseable {
    static final String REPLAYED_FROM = "replayed_from";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Producer<byte[], byte[]> producer;
    private final String ingest;
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    DeadLetterReplay(KafkaCluster kafka) {
        this.producer = kafka.producer("dlq-replay", Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024 + 64 * 1024));
        this.ingest = Topics.ingest(kafka.settings().topicPrefix());
    }

    void send(ConsumerRecord<byte[], byte[]> deadLetter) {
        String db = RecordHeaders.get(deadLetter.headers(), RecordHeaders.DB);
        String rp = RecordHeaders.get(deadLetter.headers(), RecordHeaders.RP);
        String from = deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset();
        byte[] key = (db + "/" + rp + "/replay").getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(ingest, key, deadLetter.value());
        RecordHeaders.put(record.headers(), RecordHeaders.DB, db);
        RecordHeaders.put(record.headers(), RecordHeaders.RP, rp);
        RecordHeaders.put(record.headers(), REPLAYED_FROM, from);
        if (RecordHeaders.isDdl(deadLetter.headers())) {
            RecordHeaders.put(record.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DDL);
            RecordHeaders.put(record.headers(), RecordHeaders.DDL_ID, "replay-" + from);
        } else {
            RecordHeaders.put(record.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
        }
        sent.add(producer.send(record));
    }

    /** Waits for the broker to acknowledge every record sent; returns how many. */
    long awaitAcknowledged() {
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge a replayed dead letter: " + e, e);
            }
        }
        return sent.size();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
