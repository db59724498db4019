package io.influxha.router;

import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes ingest records the way the gateway does (one record per db/rp/measurement group, key
 * {@code db/rp/measurement}, headers db, rp, kind). Record {@code i} holds {@link #LINES} points of
 * {@code cpu} (even i) or {@code mem} (odd i), each line unique, timestamps rising with i.
 */
final class IngestProducer implements AutoCloseable {
    static final int LINES = 5;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    IngestProducer(String bootstrap, String prefix) {
        this.topic = Topics.ingest(prefix);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static String measurement(int i) {
        return i % 2 == 0 ? "cpu" : "mem";
    }

    /** The lines of record {@code i}, without newlines. */
    static List<String> lines(int i) {
        List<String> lines = new ArrayList<>();
        for (int j = 0; j < LINES; j++) {
            lines.add(measurement(i) + ",host=h" + ((i + j) % 8) + ",dc=eu v=" + (i * LINES + j) + "i " + (1_000_000L + i));
        }
        return lines;
    }

    /** Sends records {@code [from, to)} and waits for every acknowledgement. */
    void send(int from, int to) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = from; i < to; i++) {
            acks.add(send(measurement(i), String.join("\n", lines(i)) + "\n"));
        }
        await(acks);
    }

    Future<RecordMetadata> send(String measurement, String body) {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic,
                ("db//" + measurement).getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, "db");
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, "");
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
        return producer.send(rec);
    }

    static void await(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ingest record not acknowledged: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
