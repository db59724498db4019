package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.LagReport;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.Secret;
import io.influxha.core.metrics.LagGauges;
import io.influxha.core.metrics.Metrics;
import io.influxha.testkit.Await;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.KafkaFixture;
import io.influxha.core.catalog.AdoptedDatabase;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.ShowRetentionPolicies;
import io.influxha.core.catalog.CatalogPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer against the test broker and a real influxd 1.6.7. */
class WriterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 3;
    private static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path dir;
    private InfluxdProcess influxd;
    private String prefix;
    private String topic;
    private InfluxHaConfig config;
    private KafkaProducer<byte[], byte[]> producer;
    private final List<Writer> writers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        influxd = InfluxdProcess.start(dir.resolve("influxd"));
        prefix = KafkaFixture.uniqueName("wit");
        topic = Topics.shard(prefix, "main");
        KafkaFixture.createTopics(Map.of(topic, PARTITIONS, Topics.dlq(prefix), 1, Topics.catalog(prefix), 1));
        BackendSettings backend = new BackendSettings("a", influxd.url(), true, Duration.ofSeconds(2), Duration.ofSeconds(10), "", Secret.NONE);
        InfluxHaConfig base = WriterFixture.config(List.of(backend), new io.influxha.core.config.WriterSettings(
                500, new io.influxha.core.config.DataSize(1 << 20), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1)));
        config = new InfluxHaConfig(base.dataDir(), new io.influxha.core.config.KafkaSettings(
                KafkaFixture.bootstrapServers(), prefix, PARTITIONS, (short) 1, 1, Map.of()),
                base.gateway(), base.backends(), base.shards(), base.writer(), base.router());
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(props);
        // The gateway records every CREATE DATABASE in the catalog; writers recreate only those.
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of("db", "db1", "txdb").stream()
                    .map(db -> CatalogEntry.database(db, "CREATE DATABASE " + db, "autogen")).toList(), Duration.ofSeconds(30));
        }
    }

    @AfterEach
    void tearDown() {
        writers.forEach(Writer::close);
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void records_of_a_shard_topic_land_in_influxd_with_their_exact_timestamps() throws Exception {
        List<String> expected = produce("db1", 0, 30, 4);
        start();

        Await.until(WAIT, () -> influxd.dump("db1").equals(expected), () -> "db1 holds " + expected.size() + " points");
        assertThat(influxd.query("db1", "SELECT value FROM cpu WHERE host='h0' ORDER BY time LIMIT 1"))
                .contains(Long.toString(T0));
    }

    @Test
    void committed_offsets_reach_the_read_committed_end_past_the_transaction_markers_of_exactly_once_input() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-tx");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(props)) {
            tx.initTransactions();
            for (int t = 0; t < 3; t++) {
                tx.beginTransaction();
                ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, 0, null,
                        ("cpu,host=tx value=" + t + " " + (T0 + t) + "\n").getBytes(StandardCharsets.UTF_8));
                RecordHeaders.put(rec.headers(), RecordHeaders.DB, "txdb");
                RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
                tx.send(rec);
                tx.commitTransaction();
            }
        }
        start();
        TopicPartition p0 = new TopicPartition(topic, 0);

        Await.until(WAIT, () -> influxd.count("txdb", "cpu") == 3, () -> "3 points in txdb");
        Await.until(WAIT, () -> endOffsets().get(p0).equals(committed().get(p0)),
                () -> "committed offset of partition 0 " + committed().get(p0) + " to reach its end " + endOffsets().get(p0));
    }

    @Test
    void a_backend_down_mid_stream_receives_everything_exactly_once_and_no_offset_moves_while_it_is_down() throws Exception {
        Writer writer = start();
        List<String> expected = new ArrayList<>(produce("db", 0, 40, 5));
        Await.until(WAIT, () -> influxd.count("db", "cpu") == 200, () -> "first 200 points");
        Map<TopicPartition, Long> before = endOffsets();
        Await.until(WAIT, () -> committed().equals(before), () -> "committed " + committed() + " reaches " + before);

        influxd.stop();
        long writtenBefore = writer.pointsWritten();
        expected.addAll(produce("db", 40, 40, 5));
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() - end < 0) { // an invariant over a window, not a synchronisation
            assertThat(committed()).isEqualTo(before);
            assertThat(writer.pointsWritten()).isEqualTo(writtenBefore);
            TimeUnit.MILLISECONDS.sleep(200);
        }
        influxd.start();

        Await.until(WAIT, () -> influxd.count("db", "cpu") == 400, () -> "all 400 points after the restart, saw " + influxd.count("db", "cpu"));
        Map<TopicPartition, Long> after = endOffsets();
        Await.until(WAIT, () -> committed().equals(after), () -> "committed " + committed() + " reaches " + after);
        expected.sort(null);
        assertThat(influxd.dump("db")).isEqualTo(expected);
    }

    @Test
    void a_fresh_backend_gets_every_catalog_database_with_its_retention_policies_at_start() throws Exception {
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(
                    CatalogEntry.database("restored", "CREATE DATABASE \"restored\"", "week", "i1"),
                    CatalogEntry.retentionPolicy("restored", "week", List.of(
                            "CREATE RETENTION POLICY \"week\" ON \"restored\" DURATION 7d REPLICATION 1",
                            "ALTER RETENTION POLICY \"week\" ON \"restored\" DURATION 14d"), "i1"),
                    CatalogEntry.droppedRetentionPolicy("restored", "autogen", "i1"),
                    CatalogEntry.database("gone", "CREATE DATABASE \"gone\"", "autogen"),
                    CatalogEntry.droppedDatabase("gone")), Duration.ofSeconds(30));
        }
        start();

        Await.until(WAIT, () -> influxd.query("", "SHOW DATABASES").contains("\"restored\""), () -> "database restored from the catalog");
        // The restore's last statement makes week the default: wait for that, then read the whole state.
        Await.until(WAIT, () -> influxd.query("restored", "SHOW RETENTION POLICIES ON restored").contains("\"336h0m0s\",\"24h0m0s\",1,true]"),
                () -> "policy week, altered to 14d, as the default: " + influxd.query("restored", "SHOW RETENTION POLICIES ON restored"));
        assertThat(influxd.query("restored", "SHOW RETENTION POLICIES ON restored")).as("week only, altered, the default; autogen dropped")
                .contains("\"values\":[[\"week\",\"336h0m0s\",\"24h0m0s\",1,true]]");
        assertThat(influxd.query("", "SHOW DATABASES")).doesNotContain("\"gone\"");
    }

    /** The gateway adopts a database found only on a backend with what SHOW RETENTION POLICIES lists there (AdoptedDatabase). */
    @Test
    void a_backend_restored_from_adopted_databases_gets_the_policies_and_defaults_the_original_backend_has() throws Exception {
        Map<String, List<ShowRetentionPolicies.Policy>> original = new HashMap<>();
        try (InfluxdProcess other = InfluxdProcess.start(dir.resolve("original"))) {
            for (String statement : List.of(
                    "CREATE DATABASE legacy WITH DURATION 2d REPLICATION 1 SHARD DURATION 1h NAME two",
                    "CREATE RETENTION POLICY \"we ek\" ON legacy DURATION 3h REPLICATION 1 SHARD DURATION 2h",
                    "CREATE RETENTION POLICY autogen ON legacy DURATION 0s REPLICATION 1",
                    "CREATE DATABASE nodefault",
                    "DROP RETENTION POLICY autogen ON nodefault",
                    "CREATE RETENTION POLICY week ON nodefault DURATION 7d REPLICATION 1")) {
                assertThat(other.query("", statement)).doesNotContain("error");
            }
            for (String db : List.of("legacy", "nodefault")) {
                original.put(db, policies(other, db));
            }
        }
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            for (var e : original.entrySet()) {
                catalog.publish(AdoptedDatabase.entries(e.getKey(), e.getValue()), Duration.ofSeconds(30));
            }
        }
        start();

        for (var e : original.entrySet()) {
            Await.until(WAIT, () -> influxd.query("", "SHOW DATABASES").contains("\"" + e.getKey() + "\"")
                    && new java.util.HashSet<>(policies(influxd, e.getKey())).equals(new java.util.HashSet<>(e.getValue())),
                    () -> e.getKey() + " restored with " + e.getValue() + ", has " + influxd.query("", "SHOW RETENTION POLICIES ON " + e.getKey()));
        }
        assertThat(original.get("legacy")).extracting(ShowRetentionPolicies.Policy::name).containsExactlyInAnyOrder("two", "we ek", "autogen");
        assertThat(original.get("nodefault")).extracting(ShowRetentionPolicies.Policy::name).containsExactly("week");
    }

    private static List<ShowRetentionPolicies.Policy> policies(InfluxdProcess influxd, String db) {
        try {
            return ShowRetentionPolicies.policies(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    influxd.query("", "SHOW RETENTION POLICIES ON " + db))).orElse(List.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void data_for_a_database_the_catalog_records_as_dropped_is_dead_lettered_and_never_recreates_it() throws Exception {
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(CatalogEntry.droppedDatabase("db1")), Duration.ofSeconds(30));
        }
        send(0, "db1", "cpu,host=old value=1 " + T0 + "\n");
        send(1, "db", "cpu,host=new value=2 " + T0 + "\n");
        start();

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaFixture.readAll(Topics.dlq(prefix), 1, WAIT);
        Await.until(WAIT, () -> influxd.count("db", "cpu") == 1, () -> "the point of the live database");

        assertThat(RecordHeaders.get(dead.get(0).headers(), RecordHeaders.DLQ_REASON)).contains("the catalog has no database \"db1\"");
        assertThat(influxd.query("", "SHOW DATABASES")).doesNotContain("\"db1\"");
    }

    /**
     * The state a writer killed (or rebalanced away) leaves after it applied a DELETE and recorded
     * it, before it committed past the statement's last copy: influxd has the points before and
     * between the copies minus what the DELETE removed, the catalog records the statement applied
     * on this backend, and every partition's commit sits at its first copy announcing the barrier.
     */
    @Test
    void a_writer_taking_over_after_a_delete_was_applied_does_not_write_back_the_points_it_deleted() throws Exception {
        String delete = "DELETE FROM \"cpu\"";
        String id = "ddl-undo-1";
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            send(p, "db", "cpu,host=before" + p + " value=1 " + T0 + "\n");
            long first = -1;
            long last = -1;
            for (int copy = 0; copy < PARTITIONS; copy++) {
                long offset = sendCopy(p, "db", delete, id, copy);
                first = first < 0 ? offset : first;
                last = offset;
                if (copy == 0) {
                    send(p, "db", "cpu,host=between" + p + " value=2 " + T0 + "\n"); // acknowledged before the DELETE
                }
            }
            send(p, "db", "cpu,host=after" + p + " value=3 " + T0 + "\n");
            commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(first, Announcement.metadata(List.of(id), last)));
        }
        influxd.createDatabase("db");
        for (int p = 0; p < PARTITIONS; p++) {
            influxd.write("db", "cpu,host=before" + p + " value=1 " + T0 + "\ncpu,host=between" + p + " value=2 " + T0 + "\n");
        }
        influxd.query("db", delete);
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test");
                Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            catalog.publish(List.of(CatalogEntry.applied("a", id, "ok")), Duration.ofSeconds(30));
            admin.alterConsumerGroupOffsets(Topics.writerGroup(prefix, "a"), commits).all().get(30, TimeUnit.SECONDS);
        }
        start();

        Await.until(WAIT, () -> endOffsets().equals(committed()), () -> "every partition committed to its end: " + committed() + " of " + endOffsets());
        assertThat(influxd.query("db", "SELECT value, host FROM cpu")).as("only the points written after the DELETE")
                .contains("after0", "after1", "after2").doesNotContain("between", "before");
    }

    /**
     * DROP DATABASE then CREATE DATABASE again while clients write: a write accepted for the
     * dropped incarnation that lands after the DROP in the log is what that DROP removed, on every
     * replica; it is never written into the database created since, and never recreates one.
     */
    @Test
    void writes_accepted_for_a_dropped_incarnation_never_land_in_the_database_created_since() throws Exception {
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(CatalogEntry.database("again", "CREATE DATABASE again", "autogen", "inc-old")), Duration.ofSeconds(30));
            catalog.publish(List.of(CatalogEntry.droppedDatabase("again", "inc-old")), Duration.ofSeconds(30));
            catalog.publish(List.of(CatalogEntry.database("again", "CREATE DATABASE again", "autogen", "inc-new")), Duration.ofSeconds(30));
        }
        sendWithIncarnation(0, "again", "inc-old", "cpu,host=old value=1 " + T0 + "\n");
        sendWithIncarnation(0, "again", "inc-new", "cpu,host=new value=2 " + T0 + "\n");
        sendWithIncarnation(1, "again", "inc-old", "cpu,host=old1 value=3 " + T0 + "\n");
        start();

        Await.until(WAIT, () -> endOffsets().equals(committed()), () -> "every partition committed to its end");
        assertThat(influxd.query("again", "SELECT value, host FROM cpu")).contains("\"new\"").doesNotContain("old");
        // a dead letter is sent before its offset is committed, so any would be readable by now
        assertThat(KafkaFixture.readAll(Topics.dlq(prefix), 1, Duration.ofSeconds(1))).as("not dead-lettered").isEmpty();
    }

    /**
     * DROP RETENTION POLICY then CREATE it again while clients write: a write accepted for the
     * dropped policy incarnation ({@code rp_inc}) that lands after the DROP's copy in its partition
     * is what that DROP removed; it never lands in the policy created since, is never
     * dead-lettered, and never makes a policy. The write for the new incarnation recreates it from
     * the catalog.
     */
    @Test
    void writes_accepted_for_a_dropped_policy_incarnation_never_land_in_the_policy_created_since() throws Exception {
        String create = "CREATE RETENTION POLICY \"r2\" ON \"pdb\" DURATION 7d REPLICATION 1";
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(CatalogEntry.database("pdb", "CREATE DATABASE pdb", "autogen", "db-1"),
                    CatalogEntry.retentionPolicy("pdb", "r2", List.of(create), "db-1", "rp-old")), Duration.ofSeconds(30));
            catalog.publish(List.of(CatalogEntry.droppedRetentionPolicy("pdb", "r2", "db-1", "rp-old")), Duration.ofSeconds(30));
            catalog.publish(List.of(CatalogEntry.retentionPolicy("pdb", "r2", List.of(create), "db-1", "rp-new")), Duration.ofSeconds(30));
        }
        influxd.createDatabase("pdb");
        influxd.query("pdb", create);
        long now = System.currentTimeMillis() * 1_000_000L;
        // The DROP's copies reach every partition first; the writes accepted for rp-old before it
        // land after them (and rp-new's write after its CREATE, which the catalog holds).
        for (int p = 0; p < PARTITIONS; p++) {
            for (int copy = 0; copy < PARTITIONS; copy++) {
                sendPolicyCopy(p, "pdb", "r2", "rp-old", "DROP RETENTION POLICY \"r2\" ON \"pdb\"", "drop-r2", copy);
            }
        }
        sendWithPolicy(0, "pdb", "r2", "rp-old", "cpu,host=old value=1 " + now + "\n");
        sendWithPolicy(0, "pdb", "r2", "rp-new", "cpu,host=new value=2 " + now + "\n");
        sendWithPolicy(1, "pdb", "r2", "rp-old", "cpu,host=old1 value=3 " + now + "\n");
        start();

        Await.until(WAIT, () -> endOffsets().equals(committed()), () -> "every partition committed to its end");
        assertThat(influxd.query("pdb", "SELECT value, host FROM \"r2\".cpu")).contains("\"new\"").doesNotContain("old");
        assertThat(KafkaFixture.readAll(Topics.dlq(prefix), 1, Duration.ofSeconds(1))).as("not dead-lettered").isEmpty();
    }

    /**
     * The gateway records a DROP DATABASE in the catalog (its incarnation dropped) in the same
     * transaction as its copies, so every writer reads it dropped before the statement is due: the
     * DROP itself is still applied, and the points written before it are gone.
     */
    @Test
    void a_drop_database_is_applied_although_the_catalog_already_shows_the_incarnation_it_ends_dropped() throws Exception {
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(CatalogEntry.database("gone", "CREATE DATABASE gone", "autogen", "inc-1")), Duration.ofSeconds(30));
            catalog.publish(List.of(CatalogEntry.droppedDatabase("gone", "inc-1")), Duration.ofSeconds(30));
        }
        influxd.createDatabase("gone");
        for (int p = 0; p < PARTITIONS; p++) {
            sendWithIncarnation(p, "gone", "inc-1", "cpu,host=h" + p + " value=1 " + T0 + "\n");
        }
        for (int p = 0; p < PARTITIONS; p++) {
            for (int copy = 0; copy < PARTITIONS; copy++) {
                sendCopy(p, "gone", "inc-1", "DROP DATABASE \"gone\"", "drop-gone", copy);
            }
        }
        start();

        Await.until(WAIT, () -> endOffsets().equals(committed()), () -> "every partition committed to its end");
        assertThat(influxd.query("", "SHOW DATABASES")).doesNotContain("\"gone\"");
    }

    /**
     * influxd answers a write to a missing policy with 500 "retention policy not found": a policy
     * the catalog records as dropped ends dead-lettered, one the catalog has is created from it.
     */
    @Test
    void a_write_to_a_dropped_policy_is_dead_lettered_and_one_the_backend_lacks_is_created_from_the_catalog() throws Exception {
        String incarnation = "inc-db";
        String createWeek = "CREATE RETENTION POLICY \"week\" ON \"db\" DURATION 7d REPLICATION 1";
        try (CatalogPublisher catalog = CatalogPublisher.create(KafkaFixture.cluster(config), "test")) {
            catalog.publish(List.of(CatalogEntry.database("db", "CREATE DATABASE db", "autogen", incarnation),
                    CatalogEntry.retentionPolicy("db", "week", List.of(createWeek), incarnation),
                    CatalogEntry.retentionPolicy("db", "gone", List.of("CREATE RETENTION POLICY gone ON db DURATION 1d REPLICATION 1"), incarnation),
                    CatalogEntry.droppedRetentionPolicy("db", "gone", incarnation)), Duration.ofSeconds(30));
        }
        influxd.createDatabase("db");
        sendTo(0, "db", "gone", "cpu,host=gone value=1 " + T0 + "\n");
        sendTo(0, "db", "week", "cpu,host=week value=2 " + System.currentTimeMillis() * 1_000_000L + "\n"); // within the week
        start();

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaFixture.readAll(Topics.dlq(prefix), 1, WAIT);
        Await.until(WAIT, () -> influxd.query("db", "SELECT * FROM \"week\".cpu").contains("week"), () -> "the point in week");

        assertThat(RecordHeaders.get(dead.get(0).headers(), RecordHeaders.DLQ_REASON)).contains("retention policy not found: gone")
                .contains("the catalog has no retention policy \"gone\" on \"db\"");
        assertThat(influxd.query("", "SHOW RETENTION POLICIES ON db")).contains("\"week\",\"168h0m0s\"").doesNotContain("gone");
    }

    @Test
    void a_poison_point_goes_to_the_dlq_while_the_good_points_around_it_land() throws Exception {
        influxd.createDatabase("db");
        influxd.write("db", "cpu,host=seed value=0.5 " + (T0 - 1) + "\n");
        String bad = "cpu,host=bad value=\"text\" " + (T0 + 5);
        send(0, "db", "cpu,host=g1 value=1.5 " + T0 + "\n" + bad + "\ncpu,host=g2 value=2.5 " + (T0 + 9) + "\n");
        start();

        List<ConsumerRecord<byte[], byte[]>> dead = KafkaFixture.readAll(Topics.dlq(prefix), 1, WAIT);
        Await.until(WAIT, () -> influxd.count("db", "cpu") == 3, () -> "seed and two good points");

        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8).strip()).isEqualTo(bad);
        assertThat(RecordHeaders.get(dead.get(0).headers(), RecordHeaders.DLQ_REASON)).contains("field type conflict");
        assertThat(RecordHeaders.get(dead.get(0).headers(), RecordHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(influxd.dump("db")).contains("cpu,host=g1 value=1.5 " + T0, "cpu,host=g2 value=2.5 " + (T0 + 9));
        Await.until(WAIT, () -> committed().equals(endOffsets()), () -> "committed past the poison record");
    }

    @Test
    void two_writers_of_one_group_share_the_partitions_and_closing_one_loses_nothing() throws Exception {
        Writer first = start();
        Writer second = start();
        List<String> expected = new ArrayList<>(produce("db", 0, 60, 5));
        Await.until(WAIT, () -> influxd.count("db", "cpu") >= 100, () -> "writing has begun");

        first.close();
        expected.addAll(produce("db", 60, 60, 5));

        Await.until(WAIT, () -> influxd.count("db", "cpu") == 600, () -> "600 points, saw " + influxd.count("db", "cpu"));
        expected.sort(null);
        assertThat(influxd.dump("db")).isEqualTo(expected);
        assertThat(first.pointsWritten() + second.pointsWritten()).isGreaterThanOrEqualTo(600);
        Map<TopicPartition, Long> end = endOffsets();
        Await.until(WAIT, () -> committed().equals(end), () -> "group committed " + committed() + " reaches " + end);
    }

    /**
     * The eager protocol takes every partition from the first writer when a second joins, and may
     * hand some back. The first had read more than one batch per partition while its backend was
     * paused: one write per partition is in flight (it lands once the backend resumes), the rest
     * wait unsent and are dropped at revocation. Both writers must read again from the committed
     * offsets, so every point lands, once.
     */
    @Test
    void a_writer_that_gets_partitions_back_in_a_rebalance_writes_what_it_had_read_but_not_written() throws Exception {
        Writer first = start();
        List<String> expected = new ArrayList<>(produce("db", 0, 30, 5));
        Await.until(WAIT, () -> influxd.count("db", "cpu") == 150, () -> "the first 150 points");
        Map<TopicPartition, Long> written = endOffsets();
        Await.until(WAIT, () -> committed().equals(written), () -> "committed " + committed() + " reaches " + written);

        influxd.pause();
        try {
            long readBefore = first.recordsRead();
            // 1,000 points per partition: the writer reads until a batch's worth (500) waits unsent
            // behind the write in flight, then pauses the partition
            expected.addAll(produce("db", 30, 600, 5));
            Await.until(WAIT, () -> first.recordsRead() >= readBefore + 300,
                    () -> "the first writer to read 300 of the records its paused backend cannot take; read " + (first.recordsRead() - readBefore));
            start();
            Await.until(WAIT, this::twoMembersShareThePartitions, () -> "both writers to hold partitions after the rebalance");
            assertThat(committed()).as("nothing was written while the backend was paused").isEqualTo(written);
        } finally {
            influxd.resume();
        }

        Await.until(WAIT, () -> influxd.count("db", "cpu") == 3150, () -> "3150 points, saw " + influxd.count("db", "cpu"));
        expected.sort(null);
        assertThat(influxd.dump("db")).isEqualTo(expected);
    }

    private boolean twoMembersShareThePartitions() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            var group = admin.describeConsumerGroups(List.of(Topics.writerGroup(prefix, "a"))).all().get(30, TimeUnit.SECONDS)
                    .get(Topics.writerGroup(prefix, "a"));
            return group.groupState() == org.apache.kafka.common.GroupState.STABLE && group.members().size() == 2
                    && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lag_is_visible_per_partition_in_records_seconds_and_prometheus_gauges_until_written() throws Exception {
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 1));
        List<String> expected = produce("db1", 0, 12, 5);
        try (LagReport report = LagReport.open(config, KafkaFixture.cluster(config))) {
            List<LagReport.Row> before = report.read().stream().filter(r -> r.consumer().equals("a")).toList();
            assertThat(before).hasSize(PARTITIONS).allSatisfy(r -> assertThat(r.retentionMs()).isPositive());
            long produced = endOffsets().values().stream().mapToLong(Long::longValue).sum(); // 12 records plus the topics' noop records
            assertThat(produced).isGreaterThanOrEqualTo(12);
            assertThat(before.stream().mapToLong(LagReport.Row::lagRecords).sum()).as("records not yet written").isEqualTo(produced);
            assertThat(before.stream().filter(r -> r.lagRecords() > 0)).allSatisfy(r -> assertThat(r.lagSeconds()).isNotNegative());
        }
        start();
        Await.until(WAIT, () -> influxd.dump("db1").equals(expected), () -> "db1 holds " + expected.size() + " points");
        try (LagGauges gauges = LagGauges.start(config, KafkaFixture.cluster(config), Duration.ofMillis(200))) {
            String zeroLag = "influxha_consumer_lag_records{consumer=\"a\",partition=\"0\",topic=\"" + topic + "\"} 0.0";
            Await.until(WAIT, () -> Metrics.scrape().contains(zeroLag), () -> zeroLag + " in /metrics:\n" + Metrics.scrape());
        }
        assertThat(Metrics.scrape()).contains("influxha_writer_points_written_total{backend=\"a\"}",
                "influxha_consumer_lag_seconds{consumer=\"a\"", "influxha_consumer_retention_used_ratio{consumer=\"a\"");
    }

    private Writer start() {
        Writer w = Writer.start(config, KafkaFixture.cluster(config), "a");
        writers.add(w);
        return w;
    }

    /** {@code records} records of {@code points} points each, spread over the partitions; returns the dump lines. */
    private List<String> produce(String db, int firstRecord, int records, int points) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int r = firstRecord; r < firstRecord + records; r++) {
            StringBuilder value = new StringBuilder();
            for (int p = 0; p < points; p++) {
                String line = "cpu,host=h" + p + " value=" + r + ".5 " + (T0 + r * 1000L);
                value.append(line).append('\n');
                lines.add(line);
            }
            send(r % PARTITIONS, db, value.toString());
        }
        producer.flush();
        lines.sort(null);
        return lines;
    }

    private void send(int partition, String db, String value) throws Exception {
        sendTo(partition, db, "", value);
    }

    private void sendTo(int partition, String db, String rp, String value) throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, db);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, rp);
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
        producer.send(rec).get(30, TimeUnit.SECONDS);
    }

    private void sendWithIncarnation(int partition, String db, String incarnation, String value) throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, db);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, "");
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
        RecordHeaders.put(rec.headers(), RecordHeaders.DB_INCARNATION, incarnation);
        producer.send(rec).get(30, TimeUnit.SECONDS);
    }

    /** One copy of a policy statement on incarnation {@code policyIncarnation} of {@code rp}, as the router leaves it. */
    private void sendPolicyCopy(int partition, String db, String rp, String policyIncarnation, String statement, String ddlId, int copy)
            throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, partition, null, statement.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, db);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, rp);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP_INCARNATION, policyIncarnation);
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DDL);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_ID, ddlId);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPIES, Integer.toString(PARTITIONS));
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPY, Integer.toString(copy));
        producer.send(rec).get(30, TimeUnit.SECONDS);
    }

    private void sendWithPolicy(int partition, String db, String rp, String policyIncarnation, String value) throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, db);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP, rp);
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DATA);
        RecordHeaders.put(rec.headers(), RecordHeaders.RP_INCARNATION, policyIncarnation);
        producer.send(rec).get(30, TimeUnit.SECONDS);
    }

    /** One copy of a barrier statement, as the router leaves it in a shard partition; returns its offset. */
    private long sendCopy(int partition, String db, String statement, String ddlId, int copy) throws Exception {
        return sendCopy(partition, db, "", statement, ddlId, copy);
    }

    /** As {@link #sendCopy(int, String, String, String, int)}, for incarnation {@code incarnation} of {@code db} ("" for none). */
    private long sendCopy(int partition, String db, String incarnation, String statement, String ddlId, int copy) throws Exception {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, partition, null, statement.getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(rec.headers(), RecordHeaders.DB, db);
        if (!incarnation.isEmpty()) {
            RecordHeaders.put(rec.headers(), RecordHeaders.DB_INCARNATION, incarnation);
        }
        RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_DDL);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_ID, ddlId);
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPIES, Integer.toString(PARTITIONS));
        RecordHeaders.put(rec.headers(), RecordHeaders.DDL_COPY, Integer.toString(copy));
        return producer.send(rec).get(30, TimeUnit.SECONDS).offset();
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                spec.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(spec).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, Long> committed() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Topics.writerGroup(prefix, "a"))
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    result.put(tp, o.offset());
                }
            });
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
