package io.influxha.core.catalog;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the catalog topic from its beginning on a thread of its own (no consumer group: every
 * reader wants all of it) and keeps {@link Catalog} current. It knows how fresh it is
 * ({@link CatalogEnd}): after a poll that found nothing new it compares its position with the
 * topic's end, and callers that need "everything written up to a moment has been read", which is
 * what "this database does not exist" must rest on, share those observations; when none is recent
 * enough, one of them looks the end up through a consumer of its own, so the lookup never queues
 * on the broker behind this thread's long-poll fetch.
 */
public final class CatalogTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogTail.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final Catalog catalog = new Catalog();
    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final Runnable onChange;
    private final Thread thread;
    /** Waited on between retries while Kafka is unreachable; notified by {@link #close}. */
    private final Object pause = new Object();
    private final EndLookup lookup;
    private final CatalogEnd end;
    private volatile boolean closing;
    /** A {@link #lookUpEndSince} lookup is running. */
    private final java.util.concurrent.atomic.AtomicBoolean lookingUp = new java.util.concurrent.atomic.AtomicBoolean();
    /** Runs {@link #lookUpEndSince}'s lookups, one at a time, on one daemon thread kept for them. */
    private final java.util.concurrent.ExecutorService lookups;

    private CatalogTail(Consumer<byte[], byte[]> consumer, String topic, String name, Runnable onChange, Map<String, Object> lookupProps) {
        this.consumer = consumer;
        this.partition = new TopicPartition(topic, 0);
        this.onChange = onChange;
        this.lookup = new EndLookup(lookupProps, partition);
        this.end = new CatalogEnd(lookup);
        this.thread = new Thread(this::run, "catalog-" + name);
        this.thread.setDaemon(true);
        this.lookups = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "catalog-" + name + "-end");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts following {@code <prefix>.catalog}.
     *
     * @param onChange called on the tail's thread after records changed the catalog (may be a no-op)
     */
    public static CatalogTail start(KafkaCluster kafka, String clientName, Runnable onChange) {
        Map<String, Object> merged = kafka.consumerProps("catalog-" + clientName, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        merged.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, Object> lookupProps = new HashMap<>(merged);
        lookupProps.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId("catalog-" + clientName + "-end"));
        CatalogTail tail = new CatalogTail(new KafkaConsumer<>(merged), Topics.catalog(kafka.settings().topicPrefix()), clientName, onChange,
                lookupProps);
        tail.thread.start();
        return tail;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * Waits until everything written to the catalog before this call has been read.
     *
     * @return false when the deadline ({@link System#nanoTime()}) passed first, or the end could not be looked up
     */
    public boolean awaitCaughtUp(long deadlineNanos) throws InterruptedException {
        return end.awaitReadToEndSince(System.nanoTime(), deadlineNanos);
    }

    /**
     * Waits until everything written to the catalog up to {@code maxAgeNanos} before this call has
     * been read: answers at once from the last observation of the end when it is that recent and
     * was read up to; otherwise at most one lookup is in flight for all callers.
     *
     * @return false when the deadline passed first, or the end could not be looked up
     */
    public boolean awaitReadToRecentEnd(long maxAgeNanos, long deadlineNanos) throws InterruptedException {
        return end.awaitReadToEndSince(System.nanoTime() - maxAgeNanos, deadlineNanos);
    }

    /** True when the tail has read the topic up to an end observed at or after {@code nanos} ({@link System#nanoTime()}). */
    public boolean readToEndSince(long nanos) {
        return end.readToEndSince(nanos);
    }

    /**
     * Without waiting: unless the tail has read up to an end observed at or after {@code nanos},
     * looks the end up on the tail's lookup thread (at most one such lookup at a time; a request
     * meanwhile is dropped, its caller asks again) and runs {@code then} once the tail has read up
     * to it, or the lookup failed or timed out (10 s).
     */
    public void lookUpEndSince(long nanos, Runnable then) {
        if (end.readToEndSince(nanos) || !lookingUp.compareAndSet(false, true)) {
            return;
        }
        try {
            lookups.execute(() -> {
                try {
                    end.awaitReadToEndSince(nanos, System.nanoTime() + LOOKUP_TIMEOUT.toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    lookingUp.set(false);
                    then.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            lookingUp.set(false); // closed: nothing to look up any more
        }
    }

    /** True when the tail had read the whole topic at a check no older than {@code maxAgeNanos}. */
    public boolean caughtUpWithin(long maxAgeNanos) {
        return end.readToEndSince(System.nanoTime() - maxAgeNanos);
    }

    /** Lookups of the topic's end made for callers ({@link #awaitCaughtUp}, {@link #awaitReadToRecentEnd}) since start. */
    public long endLookups() {
        return end.lookups();
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
                    synchronized (pause) {
                        pause.wait(1000);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            end.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void turn() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        boolean changed = false;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            changed |= apply(r);
        }
        end.read(consumer.position(partition));
        if (records.isEmpty()) {
            long at = System.nanoTime();
            end.observed(consumer.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition), at);
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
        end.close();
        synchronized (pause) {
            pause.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lookups.shutdownNow();
        lookup.close();
    }

    /** The end looked up for callers, through a consumer of its own, created at the first lookup. */
    private static final class EndLookup implements CatalogEnd.Lookup {
        private final Map<String, Object> props;
        private final TopicPartition partition;
        private volatile Consumer<byte[], byte[]> consumer;
        private boolean closed;

        EndLookup(Map<String, Object> props, TopicPartition partition) {
            this.props = props;
            this.partition = partition;
        }

        @Override
        public synchronized long end(Duration timeout) {
            if (closed) {
                throw new IllegalStateException("catalog tail closed");
            }
            if (consumer == null) {
                consumer = new KafkaConsumer<>(props);
            }
            return consumer.endOffsets(List.of(partition), timeout).get(partition);
        }

        void close() {
            Consumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup(); // ends a lookup in flight, which holds the monitor
            }
            synchronized (this) {
                closed = true;
                if (consumer != null) {
                    consumer.close(Duration.ofSeconds(5));
                }
            }
        }
    }
}
