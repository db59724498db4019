package io.influxha.writer;

import io.influxha.core.RecordHeaders;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.RouterSettings;
import io.influxha.core.config.Secret;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.config.WriterSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A writer over a MockConsumer, a MockProducer for the DLQ and a {@link FakeInflux}. */
final class WriterFixture implements AutoCloseable {
    static final String PREFIX = "t";
    static final String TOPIC = "t.shard.main";
    static final Duration WAIT = Duration.ofSeconds(30);

    final FakeInflux influx;
    final PollingConsumer consumer = new PollingConsumer();
    final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    final InfluxHaConfig config;
    private Writer writer;

    WriterFixture(WriterSettings writerSettings) throws IOException {
        this(writerSettings, false, "");
    }

    WriterFixture(WriterSettings writerSettings, boolean gzip, String username) throws IOException {
        influx = new FakeInflux();
        BackendSettings backend = new BackendSettings("a", influx.url(), gzip, Duration.ofSeconds(2), Duration.ofSeconds(5),
                username, username.isEmpty() ? Secret.NONE : new Secret("s3cret"));
        config = config(List.of(backend), writerSettings);
    }

    static InfluxHaConfig config(List<BackendSettings> backends, WriterSettings writer) {
        return new InfluxHaConfig(Path.of("target/data"),
                new KafkaSettings("", PREFIX, 3, (short) 1, 1, Map.of()),
                new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(25 << 20), Duration.ofSeconds(10)),
                backends,
                List.of(new ShardSettings("main", backends.stream().map(BackendSettings::name).toList(), List.of("*"))),
                writer, new RouterSettings(1, Duration.ofMillis(100)));
    }

    /** Small retry backoff so retry tests stay fast; no late-request fence (tests of it set one: {@link #settings(int, long, Duration, Duration)}). */
    static WriterSettings settings(int points, long bytes, Duration flushInterval) {
        return settings(points, bytes, flushInterval, Duration.ZERO);
    }

    static WriterSettings settings(int points, long bytes, Duration flushInterval, Duration lateWriteBound) {
        return new WriterSettings(points, new DataSize(bytes), flushInterval, Duration.ofMillis(20), Duration.ofMillis(200), lateWriteBound);
    }

    /** The metadata of a commit at offset 0 the partitions start from; null: no commit. */
    private String startMetadata;

    /**
     * The partitions start from a clean handover at offset 0 ({@link Handover}), as after a writer
     * that stopped cleanly: no takeover window, whatever the late-write bound.
     */
    WriterFixture handedOverClean() {
        startMetadata = Handover.CLEAN;
        return this;
    }

    /** The partitions start from an ordinary commit at offset 0, as a writer killed -9 leaves it: a takeover window opens. */
    WriterFixture takenOverFromAKilledWriter() {
        startMetadata = "";
        return this;
    }

    /** Starts the writer and assigns it {@code partitions} partitions of {@link #TOPIC}. */
    WriterFixture start(int partitions) {
        return start(partitions, Schema.inMemory());
    }

    /** As {@link #start(int)}, over the given catalog. */
    WriterFixture start(int partitions, Schema schema) {
        return start(partitions, partitions, schema);
    }

    /**
     * Starts the writer and assigns it the first {@code assigned} of the {@code inTopic}
     * partitions of {@link #TOPIC} (the others owned by writers that are not here); with
     * {@code inTopic} 0 the topic's metadata is not available (partitionsFor answers empty).
     */
    WriterFixture start(int assigned, int inTopic, Schema schema) {
        List<TopicPartition> tps = new ArrayList<>();
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (int p = 0; p < assigned; p++) {
            tps.add(tp(p));
            beginning.put(tp(p), 0L);
        }
        if (inTopic > 0) {
            consumer.updatePartitions(TOPIC, partitionInfos(inTopic));
        }
        consumer.updateBeginningOffsets(beginning);
        if (startMetadata != null) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> start = new HashMap<>();
            tps.forEach(tp -> start.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0, startMetadata)));
            consumer.commitSync(start);
        }
        consumer.schedulePollTask(() -> consumer.rebalance(tps));
        writer = Writer.start(consumer, producer, new BackendClient(config.backends().get(0)), config, "a", List.of(TOPIC), schema);
        Eventually.until(WAIT, () -> consumer.assignment().size() == assigned, () -> "assignment of " + tps);
        return this;
    }

    static List<org.apache.kafka.common.PartitionInfo> partitionInfos(int count) {
        List<org.apache.kafka.common.PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            infos.add(new org.apache.kafka.common.PartitionInfo(TOPIC, p, null, null, null));
        }
        return infos;
    }

    Writer writer() {
        return writer;
    }

    static TopicPartition tp(int partition) {
        return new TopicPartition(TOPIC, partition);
    }

    void data(int partition, long offset, String db, String rp, String lines) {
        add(partition, offset, lines, Map.of(RecordHeaders.DB, db, RecordHeaders.RP, rp, RecordHeaders.KIND, RecordHeaders.KIND_DATA));
    }

    void ddl(int partition, long offset, String db, String statement) {
        add(partition, offset, statement, Map.of(RecordHeaders.DB, db, RecordHeaders.KIND, RecordHeaders.KIND_DDL));
    }

    /** A copy of one DDL statement as the gateway fans it out: {@code ddl_id} shared by the copies. */
    void ddl(int partition, long offset, String db, String statement, String ddlId) {
        add(partition, offset, statement, Map.of(RecordHeaders.DB, db, RecordHeaders.KIND, RecordHeaders.KIND_DDL, RecordHeaders.DDL_ID, ddlId));
    }

    /** One of {@code copies} copies of a statement, as the router leaves them in every shard partition. */
    void ddlCopy(int partition, long offset, String db, String statement, String ddlId, int copies) {
        add(partition, offset, statement, Map.of(RecordHeaders.DB, db, RecordHeaders.KIND, RecordHeaders.KIND_DDL,
                RecordHeaders.DDL_ID, ddlId, RecordHeaders.DDL_COPIES, Integer.toString(copies)));
    }

    /** A copy as this version's gateway writes it: naming its ingest partition and the statement its gateway committed before (or null). */
    void ddlCopyFrom(int partition, long offset, String db, String statement, String ddlId, int copies, int ingestPartition, String prev) {
        Map<String, String> h = new HashMap<>(Map.of(RecordHeaders.DB, db, RecordHeaders.KIND, RecordHeaders.KIND_DDL, RecordHeaders.DDL_ID, ddlId,
                RecordHeaders.DDL_COPIES, Integer.toString(copies), RecordHeaders.DDL_COPY, Integer.toString(ingestPartition)));
        if (prev != null) {
            h.put(RecordHeaders.DDL_PREV, prev);
        }
        add(partition, offset, statement, h);
    }

    /** Data accepted for incarnation {@code incarnation} of {@code db} ({@code db_inc}). */
    void dataOf(int partition, long offset, String db, String incarnation, String lines) {
        add(partition, offset, lines, Map.of(RecordHeaders.DB, db, RecordHeaders.RP, "", RecordHeaders.KIND, RecordHeaders.KIND_DATA,
                RecordHeaders.DB_INCARNATION, incarnation));
    }

    /** A statement on incarnation {@code incarnation} of {@code db}, one copy of {@code copies} from ingest partition {@code ingest}. */
    void ddlOf(int partition, long offset, String db, String incarnation, String statement, String ddlId, int copies, int ingest) {
        add(partition, offset, statement, Map.of(RecordHeaders.DB, db, RecordHeaders.KIND, RecordHeaders.KIND_DDL, RecordHeaders.DDL_ID, ddlId,
                RecordHeaders.DDL_COPIES, Integer.toString(copies), RecordHeaders.DDL_COPY, Integer.toString(ingest),
                RecordHeaders.DB_INCARNATION, incarnation));
    }

    /** Data for policy {@code rp} accepted for its incarnation {@code policyIncarnation} ({@code rp_inc}). */
    void dataOfPolicy(int partition, long offset, String db, String rp, String policyIncarnation, String lines) {
        add(partition, offset, lines, Map.of(RecordHeaders.DB, db, RecordHeaders.RP, rp, RecordHeaders.KIND, RecordHeaders.KIND_DATA,
                RecordHeaders.RP_INCARNATION, policyIncarnation));
    }

    /** A statement on incarnation {@code policyIncarnation} of policy {@code rp}, one copy of {@code copies} from ingest partition {@code ingest}. */
    void ddlOfPolicy(int partition, long offset, String db, String rp, String policyIncarnation, String statement, String ddlId, int copies,
            int ingest) {
        add(partition, offset, statement, Map.of(RecordHeaders.DB, db, RecordHeaders.RP, rp, RecordHeaders.KIND, RecordHeaders.KIND_DDL,
                RecordHeaders.DDL_ID, ddlId, RecordHeaders.DDL_COPIES, Integer.toString(copies), RecordHeaders.DDL_COPY, Integer.toString(ingest),
                RecordHeaders.RP_INCARNATION, policyIncarnation));
    }

    void noop(int partition, long offset) {
        add(partition, offset, "", Map.of(RecordHeaders.KIND, RecordHeaders.KIND_NOOP));
    }

    private void add(int partition, long offset, String value, Map<String, String> headers) {
        org.apache.kafka.common.header.internals.RecordHeaders h = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.forEach((k, v) -> RecordHeaders.put(h, k, v));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition, offset, 0L, TimestampType.CREATE_TIME, 0, bytes.length,
                null, bytes, h, Optional.empty()));
    }

    /** The committed offset of a partition, or -1. */
    long committed(int partition) {
        return consumer.commits.getOrDefault(tp(partition), -1L);
    }

    void awaitCommitted(int partition, long offset) {
        Eventually.until(WAIT, () -> committed(partition) >= offset,
                () -> "partition " + partition + " committed at " + offset + ", is " + committed(partition) + "; requests " + influx.requests());
    }

    List<ProducerRecord<byte[], byte[]>> deadLetters() {
        return producer.history();
    }

    /** Every request to the fake, in arrival order: {@code query <q>} or {@code write <body>}. */
    List<String> requestLog() {
        return influx.requests().stream().map(r -> r.path().equals("/query") ? "query " + r.params().get("q") : "write " + r.body().strip())
                .toList();
    }

    /** Every line written to the fake, in arrival order. */
    List<String> writtenLines() {
        return influx.writes().stream().flatMap(r -> r.lines().stream()).toList();
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        influx.close();
    }
}
