package io.influxha.core.catalog;

import io.influxha.core.KafkaClients;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the catalog topic from its beginning on a thread of its own (no consumer group: every
 * reader wants all of it) and keeps {@link Catalog} current. It knows how fresh it is: after a
 * poll that found nothing new it compares its position with the topic's end, and
 * {@link #awaitCaughtUp} waits, with a deadline, until it has read everything written before the
 * call, which is what "this database does not exist" must rest on.
 */
public final class CatalogTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Catalog catalog = new Catalog();
    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final Runnable onChange;
    private final Thread thread;
    private final Object progress = new Object();
    /** Offsets read so far (the consumer's position after the last applied poll). */
    private volatile long position;
    /** Set by readers that need the end re-measured ({@link #awaitCaughtUp}). */
    private volatile long requestedAtNanos;
    /** The topic's end as last measured, and when. */
    private volatile long measuredEnd = -1;
    private volatile long measuredAtNanos;
    private volatile boolean closing;

    private CatalogTail(Consumer<byte[], byte[]> consumer, String topic, String name, Runnable onChange) {
        this.consumer = consumer;
        this.partition = new TopicPartition(topic, 0);
        this.onChange = onChange;
        this.thread = new Thread(this::run, "catalog-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts following {@code <prefix>.catalog}.
     *
     * @param onChange called on the tail's thread after records changed the catalog (may be a no-op)
     */
    public static CatalogTail start(String bootstrapServers, KafkaSettings kafka, String clientName, Runnable onChange) {
        Map<String, Object> props = KafkaClients.base(bootstrapServers, kafka.topicPrefix() + "-catalog-" + clientName);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, Object> merged = KafkaClients.withOverrides(props, kafka);
        merged.remove(ConsumerConfig.GROUP_ID_CONFIG);
        CatalogTail tail = new CatalogTail(new KafkaConsumer<>(merged), Topics.catalog(kafka.topicPrefix()), clientName, onChange);
        tail.thread.start();
        return tail;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Waits until everything written to the catalog before this call has been read.
     *
     * @return false when the deadline ({@link System#nanoTime()}) passed first
     */
    public boolean awaitCaughtUp(long deadlineNanos) throws InterruptedException {
        long asked = System.nanoTime();
        requestedAtNanos = asked; // the tail re-measures the end after its current poll
        synchronized (progress) {
            while (!(measuredAtNanos - asked >= 0 && measuredEnd >= 0 && position >= measuredEnd)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || closing) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }

    /** True when the tail had read the whole topic at a check no older than {@code maxAgeNanos}. */
    public boolean caughtUpWithin(long maxAgeNanos) {
        return measuredEnd >= 0 && position >= measuredEnd && System.nanoTime() - measuredAtNanos <= maxAgeNanos;
    }

    private void run() {
        long failedAt = 0;
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!closing) {
                try {
                    turn();
                    failedAt = 0;
                } catch (WakeupException e) {
                    // close() or nothing: the loop condition decides
                } catch (KafkaException e) {
                    // Kafka down, or the topic not created yet: keep trying, quietly after the first report.
                    long now = System.nanoTime();
                    if (failedAt == 0 || now - failedAt > 30_000_000_000L) {
                        log.warn("event=catalog_tail_retry topic={} error=\"{}\"", partition.topic(), e.toString());
                        failedAt = now;
                    }
                    synchronized (progress) {
                        progress.wait(1000);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void turn() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        boolean changed = false;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            changed |= apply(r);
        }
        position = consumer.position(partition);
        if (records.isEmpty() || requestedAtNanos - measuredAtNanos > 0) {
            long at = System.nanoTime();
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
            position = consumer.position(partition);
            synchronized (progress) {
                measuredEnd = end;
                measuredAtNanos = at;
                progress.notifyAll();
            }
        }
        if (changed) {
            onChange.run();
        }
    }

    private boolean apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.key() == null || r.value() == null || RecordHeaders.isNoop(r.headers())) {
            return false;
        }
        String key = new String(r.key(), StandardCharsets.UTF_8);
        try {
            catalog.apply(CatalogEntry.parse(key, r.value()));
            return true;
        } catch (IllegalArgumentException e) {
            log.error("event=catalog_record_skipped topic={} offset={} error=\"{}\"", r.topic(), r.offset(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        synchronized (progress) {
            progress.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
