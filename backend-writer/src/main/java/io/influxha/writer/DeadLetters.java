package io.influxha.writer;

import io.influxha.core.RecordHeaders;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends what a backend refused for good to the dead-letter topic, with why and from where. The
 * source partition is committed past it only after the broker acknowledged the dead letter.
 */
final class DeadLetters {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String backend;

    DeadLetters(Producer<byte[], byte[]> producer, String topic, String backend) {
        this.producer = producer;
        this.topic = topic;
        this.backend = backend;
    }

    CompletableFuture<Reply> send(TopicPartition source, Step.DeadLetter letter) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, letter.value());
        RecordHeaders.put(record.headers(), RecordHeaders.DB, letter.db());
        RecordHeaders.put(record.headers(), RecordHeaders.RP, letter.rp());
        RecordHeaders.put(record.headers(), RecordHeaders.DLQ_BACKEND, backend);
        RecordHeaders.put(record.headers(), RecordHeaders.DLQ_REASON, letter.reason());
        RecordHeaders.put(record.headers(), RecordHeaders.DLQ_SOURCE_TOPIC, source.topic());
        RecordHeaders.put(record.headers(), RecordHeaders.DLQ_SOURCE_PARTITION, Integer.toString(source.partition()));
        RecordHeaders.put(record.headers(), RecordHeaders.DLQ_SOURCE_OFFSET, Long.toString(letter.sourceOffset()));
        CompletableFuture<Reply> done = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> done.complete(error == null ? Reply.OK : Reply.failed(error)));
        } catch (RuntimeException e) {
            done.complete(Reply.failed(e));
        }
        return done;
    }

    void close(java.time.Duration timeout) {
        producer.close(timeout);
    }
}
