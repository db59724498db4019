package io.influxha.writer;

import io.influxha.core.KafkaCluster;
import io.influxha.core.Topics;
import io.influxha.core.catalog.CatalogPublisher;
import io.influxha.core.catalog.CatalogTail;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.health.RoleHealth;
import io.influxha.core.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer instance for one backend: a member of the backend's consumer group that writes the
 * shard topics of the shards that backend replicates (DESIGN.md §1, writer row).
 */
public final class Writer implements AutoCloseable {
    /** How long close() keeps writing what was already read before it gives up and commits what was done. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    /** Room for the largest record (8 MiB) plus batch overhead. */
    private static final int MAX_PARTITION_FETCH_BYTES = 9 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Writer.class);

    private final WriterLoop loop;
    private final Thread thread;
    private final RoleHealth health;
    /** Completes when the writer's thread has ended, by {@link #close()} or not; {@link #failure()} tells which. */
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** An error (not an exception) that ended the thread: the loop catches only exceptions. */
    private volatile Throwable died;
    private volatile boolean ended;
    /** Recreates the catalog's databases a fresh backend lacks; null in tests. */
    private volatile CatalogRestore restore;
    /** The Kafka clients' own meters, removed once the loop closed them. */
    private volatile List<AutoCloseable> clientMetrics = List.of();

    private Writer(WriterLoop loop, String backend, ThreadFactory threads) {
        this.loop = loop;
        this.health = RoleHealth.starting("writer", backend);
        this.thread = threads.newThread(this::run);
        thread.setName("writer-" + backend);
        // running before the thread starts: a loop that fails at once then publishes its failure
        // after this, never the other way round (a "running" over a failure would hide it)
        health.running();
        thread.start();
    }

    /** The loop, then the role's verdict: whatever ends the thread (an Error too) is seen by /health and the supervisor. */
    private void run() {
        try {
            loop.run();
        } catch (Throwable t) {
            died = t;
            throw t;
        } finally {
            ended = true;
            failure().ifPresentOrElse(health::failed, health::stopped);
            terminated.complete(null);
        }
    }

    /** @throws IllegalArgumentException when {@code backendName} is not configured, naming those that are */
    public static Writer start(InfluxHaConfig config, KafkaCluster kafka, String backendName) {
        BackendSettings backend = config.backend(backendName).orElseThrow(() -> new IllegalArgumentException(
                "unknown backend \"" + backendName + "\": configured backends are "
                        + config.backends().stream().map(BackendSettings::name).collect(Collectors.joining(", "))));
        String prefix = config.kafka().topicPrefix();
        List<String> topics = config.shardsOf(backendName).stream().map(s -> Topics.shard(prefix, s.name())).toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("backend \"" + backendName + "\" is a replica of no shard: add it to shards[*].replicas");
        }
        Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka, backendName));
        Consumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(consumerProperties(kafka, backendName));
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        List<AutoCloseable> clientMetrics = List.of(Metrics.kafka(consumer), Metrics.kafka(producer));
        CatalogTail tail = CatalogTail.start(kafka, "writer-" + backendName, () -> {});
        Schema schema = Schema.of(tail, CatalogPublisher.create(kafka, "writer-" + backendName), backendName);
        BackendClient client = new BackendClient(backend);
        Writer writer = start(consumer, producer, client, config, backendName, topics, schema);
        writer.restore = CatalogRestore.start(tail, client, backendName);
        writer.clientMetrics = clientMetrics;
        return writer;
    }

    /** Seam for tests: any consumer and producer, a catalog kept in memory in which every database exists. */
    static Writer start(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, BackendClient client,
            InfluxHaConfig config, String backendName, List<String> topics) {
        return start(consumer, producer, client, config, backendName, topics, Schema.inMemory());
    }

    static Writer start(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, BackendClient client,
            InfluxHaConfig config, String backendName, List<String> topics, Schema schema) {
        return start(consumer, producer, client, config, backendName, topics, schema, Thread::new);
    }

    /** As above, the writer's thread made by {@code threads} (tests control when it runs). */
    static Writer start(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, BackendClient client,
            InfluxHaConfig config, String backendName, List<String> topics, Schema schema, ThreadFactory threads) {
        WriterMeters.registerAtStart(backendName);
        DeadLetters deadLetters = new DeadLetters(producer, Topics.dlq(config.kafka().topicPrefix()), backendName);
        BatchRules rules = BatchRules.of(backendName, config.writer());
        WriterLoop loop = new WriterLoop(consumer, client, deadLetters, rules, topics, CLOSE_TIMEOUT, schema);
        // set before the loop runs, so the first assignment has it
        // the consumer's session and heartbeat timeouts; its address plays no part
        Map<String, Object> group = consumerProperties(new KafkaCluster("", config.kafka()), backendName);
        loop.assignmentFence(LateFence.afterAssignment(config.writer().lateWriteBound(), group));
        loop.silenceLimit(LateFence.silence(group));
        config.backend(backendName).filter(b -> config.writer().lateWriteBound().compareTo(b.requestTimeout()) < 0
                && !config.writer().lateWriteBound().isZero()).ifPresent(b -> log.warn(
                "event=late_write_bound_short backend={} late_write_bound_ms={} request_timeout_ms={} effect=\"a request given up on at its "
                        + "timeout is fenced for nothing: set writer.late_write_bound at least to the request_timeout\"",
                backendName, config.writer().lateWriteBound().toMillis(), b.requestTimeout().toMillis()));
        return new Writer(loop, backendName, threads);
    }

    /** The backend's consumer group member; its client id is the group's name, {@code <prefix>-writer-<backend>}. */
    static Map<String, Object> consumerProperties(KafkaCluster kafka, String backend) {
        Map<String, Object> extra = new java.util.HashMap<>(KafkaCluster.GROUP_MEMBER_DEFAULTS);
        extra.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, Topics.writerGroup(kafka.settings().topicPrefix(), backend),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES));
        return kafka.consumerProps("writer-" + backend, extra);
    }

    /** The dead-letter producer, {@code <prefix>-writer-<backend>-dlq}. */
    static Map<String, Object> producerProperties(KafkaCluster kafka, String backend) {
        return kafka.producerProps("writer-" + backend + "-dlq", Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024 + 64 * 1024));
    }

    /** Points the backend accepted since start (for the demo's live line and metrics). */
    public long pointsWritten() {
        return loop.pointsWritten();
    }

    /** Partitions whose takeover-window writes were sent again after the window ({@link PartitionState#provisional(long, long, long)}). */
    long takeoversWrittenAgain() {
        return loop.takeoversWrittenAgain();
    }

    /** Partitions in a takeover window now (tests wait on it). */
    int windowsOpen() {
        return loop.windowsOpen();
    }

    /** Records taken from Kafka since start, written or not yet (tests wait on it). */
    public long recordsRead() {
        return loop.recordsRead();
    }

    /**
     * Graceful stop: fetch nothing more, finish in-flight writes, flush what was read (for at most
     * {@link #CLOSE_TIMEOUT}), commit what was written, leave the group.
     */
    @Override
    public void close() {
        CatalogRestore r = restore;
        if (r != null) {
            r.close();
        }
        loop.requestClose();
        try {
            thread.join(CLOSE_TIMEOUT.plusSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clientMetrics.forEach(Metrics::unbind);
    }

    /** Barrier checks made by this writer as its backend's applier (tests wait on it). */
    long barrierChecks() {
        return loop.barriers().checks();
    }

    /** Barrier checks skipped because a topic's partitions were unknown (tests wait on it). */
    long barrierChecksWithoutMetadata() {
        return loop.barriers().checksWithoutMetadata();
    }

    /** Whether a revocation is waiting for a statement being applied (tests wait on it). */
    boolean barrierSettling() {
        return loop.barriers().settling();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** Blocks until the writer stopped, by {@link #close()} or by a fatal error. */
    public void awaitTermination() throws InterruptedException {
        thread.join();
    }

    /** True when the writer stopped on an error (logged) rather than by {@link #close()}. */
    public boolean failed() {
        return failure().isPresent();
    }

    /** Why the writer stopped by itself; empty while it runs or once {@link #close()} stopped it. */
    public Optional<String> failure() {
        if (loop.failed()) {
            return Optional.of("writer loop failed: " + loop.failure());
        }
        Throwable d = died;
        if (d != null) {
            return Optional.of("writer thread died: " + d);
        }
        if (ended && !loop.closeRequested()) {
            return Optional.of("writer thread ended without being asked to stop");
        }
        return Optional.empty();
    }

    /** Completes once the writer's thread has ended, by {@link #close()} or by failing. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }
}
