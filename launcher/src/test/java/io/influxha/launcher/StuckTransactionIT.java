package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.broker.EmbeddedBroker;
import io.influxha.core.KafkaCluster;
import io.influxha.core.PartitionEnds;
import io.influxha.core.Startup;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.health.HealthChecks;
import io.influxha.core.metrics.LsoWatch;
import io.influxha.core.metrics.Metrics;
import io.influxha.core.metrics.StuckLsoGauges;
import io.influxha.testkit.Await;
import io.influxha.testkit.MovingClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stuck last stable offsets against a real broker: a genuinely hanging transaction (open on its
 * partition, unknown to every coordinator) is seen by the watch, {@code status} and
 * {@code transactions find}, and {@code transactions abort} lets read_committed consumers past it;
 * a live transaction that replays records with day-old CreateTimes is never seen stuck and the
 * abort command refuses it.
 */
class StuckTransactionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        EmbeddedBroker.throwInsteadOfHalting();
        broker = EmbeddedBroker.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void a_hanging_transaction_is_reported_everywhere_and_the_abort_command_lets_read_committed_consumers_past_it() throws Exception {
        String prefix = "hang";
        Path file = writeConfig(prefix);
        Startup.kafka(Startup.config(file)); // creates the topics
        TopicPartition shard = new TopicPartition(Topics.shard(prefix, "main"), 0);

        KafkaProducer<String, String> abandoned = producer("abandoned", 900_000);
        abandoned.initTransactions();
        abandoned.beginTransaction();
        // Written 20 minutes ago by CreateTime: past the broker's transaction.max.timeout.ms (15 min), find-hanging's age gate.
        long past = System.currentTimeMillis() - Duration.ofMinutes(20).toMillis();
        for (int i = 0; i < 3; i++) {
            abandoned.send(new ProducerRecord<>(shard.topic(), 0, past + i, null, "hanging-" + i));
        }
        abandoned.flush();
        abandoned.close(Duration.ZERO); // forced: no abort is sent
        // The same fate for a transaction written just now: younger than transaction.max.timeout.ms, so never HANGING.
        TopicPartition dlq = new TopicPartition(Topics.dlq(prefix), 0);
        KafkaProducer<String, String> young = producer("young", 900_000);
        young.initTransactions();
        young.beginTransaction();
        young.send(new ProducerRecord<>(dlq.topic(), 0, null, "young"));
        young.flush();
        young.close(Duration.ZERO);

        // The coordinator's state goes, the partition's open transaction stays: no coordinator will ever end it.
        broker.close();
        deleteTree(dir.resolve("kafka").resolve("kraft-logs").resolve("__transaction_state-0"));
        broker = EmbeddedBroker.start(dir.resolve("kafka"));
        file = writeConfig(prefix);
        InfluxHaConfig config = Startup.config(file);
        KafkaCluster kafka = Startup.locateKafka(config);
        try (KafkaProducer<String, String> after = producer("after", 60_000)) {
            after.initTransactions();
            after.beginTransaction();
            after.send(new ProducerRecord<>(shard.topic(), 0, null, "after-0"));
            after.send(new ProducerRecord<>(shard.topic(), 0, null, "after-1"));
            after.commitTransaction();
        }

        MovingClock clock = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (StuckLsoGauges gauges = StuckLsoGauges.start(config, kafka, Duration.ofMillis(200),
                () -> clock.millis() * 1_000_000L, LsoWatch.STUCK_AFTER);
                Admin admin = kafka.admin("it")) {
            // The watch's own clock moves a minute a look: the span counts from the watch's first sighting.
            Await.until(WAIT, () -> {
                clock.advance(Duration.ofSeconds(61));
                return stuckCheck(shard).isPresent();
            }, () -> "a stuck-lso health check for " + shard + " in " + HealthChecks.all());
            assertThat(stuckCheck(shard).orElseThrow().message()).contains("topic hang.shard.main partition 0",
                    "last stable offset ", "high watermark is ", "influx-ha transactions find");
            assertThat(stuckSeconds(shard)).as("influxha_kafka_lso_stuck_seconds in the scrape").isGreaterThanOrEqualTo(60.0);
            assertThat(stuckSeconds(new TopicPartition(Topics.ingest(prefix), 0))).as("a fine partition is scraped at 0").isZero();

            Run status = run("status", "-c", file.toString());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("lso_unmoved topic=hang.shard.main partition=0 high_watermark=")
                    .doesNotContain("lso_unmoved topic=hang.ingest");

            Run find = run("transactions", "find", "-c", file.toString());
            assertThat(find.code()).as(find.err()).isZero();
            Matcher m = Pattern.compile("open_transaction topic=hang\\.shard\\.main partition=0 producer_id=(\\d+) producer_epoch=(\\d+)"
                    + " start_offset=\\d+ .* transactional_id=- verdict=HANGING").matcher(find.out());
            assertThat(m.find()).as(find.out()).isTrue();
            String[] who = {"--producer-id", m.group(1), "--producer-epoch", m.group(2)};
            Matcher y = Pattern.compile("open_transaction topic=hang\\.dlq partition=0 producer_id=(\\d+) producer_epoch=(\\d+) .*"
                    + " verdict=UNCHECKED reason=\"its last write is \\d+ s old, not older than the brokers' transaction.max.timeout.ms"
                    + " \\(900 s\\)").matcher(find.out());
            assertThat(y.find()).as("the young one is not HANGING: %s", find.out()).isTrue();
            Run youngAbort = run("transactions", "abort", "-c", file.toString(), "--producer-id", y.group(1), "--producer-epoch",
                    y.group(2), "--yes");
            assertThat(youngAbort.code()).isEqualTo(1);
            assertThat(youngAbort.err()).contains("refusing to abort", "UNCHECKED");
            assertThat(ends(admin, dlq).lastStable()).as("nothing aborted").isLessThan(ends(admin, dlq).highWatermark());

            Run dry = run(args("transactions", "abort", "-c", file.toString(), who));
            assertThat(dry.code()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("would_abort topic=hang.shard.main partition=0", "nothing aborted: add --yes");
            assertThat(ends(admin, shard).lastStable()).as("nothing aborted without --yes").isLessThan(ends(admin, shard).highWatermark());

            Run abort = run(args("transactions", "abort", "-c", file.toString(), who, "--yes"));
            assertThat(abort.code()).as(abort.out() + abort.err()).isZero();
            assertThat(abort.out()).contains("aborted topic=hang.shard.main partition=0", "aborted 1 partition");

            Await.until(WAIT, () -> {
                LsoWatch.Ends e = ends(admin, shard);
                return e.lastStable() == e.highWatermark();
            }, () -> "the LSO of " + shard + " at its high watermark: " + ends(admin, shard));
            assertThat(readCommitted(kafka.bootstrapServers(), shard, 2)).containsExactly("after-0", "after-1");
            Await.until(WAIT, () -> stuckCheck(shard).isEmpty(), () -> "the stuck-lso check gone: " + HealthChecks.all());

            Run again = run(args("transactions", "abort", "-c", file.toString(), who, "--yes"));
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).contains("nothing to abort");
        }
    }

    @Test
    void a_live_transaction_replaying_day_old_create_times_is_never_seen_stuck_and_never_aborted() throws Exception {
        String prefix = "live";
        Path file = writeConfig(prefix);
        InfluxHaConfig config = Startup.config(file);
        KafkaCluster kafka = Startup.kafka(config);
        TopicPartition shard = new TopicPartition(Topics.shard(prefix, "main"), 0);
        long dayOld = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        Duration threshold = Duration.ofSeconds(5);
        int transactions = 30;
        int perTransaction = 20;
        Duration longest = Duration.ZERO;
        try (StuckLsoGauges gauges = StuckLsoGauges.start(config, kafka, Duration.ofMillis(100), System::nanoTime, threshold);
                KafkaProducer<String, String> replayer = producer("replayer", 60_000)) {
            replayer.initTransactions();
            for (int t = 0; t < transactions; t++) {
                replayer.beginTransaction();
                for (int i = 0; i < perTransaction; i++) {
                    replayer.send(new ProducerRecord<>(shard.topic(), 0, dayOld + t * perTransaction + i, null, "r-" + t + "-" + i));
                }
                replayer.commitTransaction();
                for (LsoWatch.Watched w : gauges.latest()) {
                    longest = w.stuckFor().compareTo(longest) > 0 ? w.stuckFor() : longest;
                }
                assertThat(stuckCheck(shard)).as("after transaction %d", t).isEmpty();
            }
            assertThat(longest).as("the longest unmoved LSO the watch saw while the replay committed").isLessThan(threshold);

            replayer.beginTransaction();
            replayer.send(new ProducerRecord<>(shard.topic(), 0, dayOld, null, "held-open"));
            replayer.flush();
            Run find = run("transactions", "find", "-c", file.toString());
            assertThat(find.code()).as(find.err()).isZero();
            Matcher m = Pattern.compile("open_transaction topic=live\\.shard\\.main partition=0 producer_id=(\\d+) producer_epoch=(\\d+)"
                    + " start_offset=\\d+ last_write_age_seconds=(\\d+) transactional_id=replayer verdict=LIVE").matcher(find.out());
            assertThat(m.find()).as(find.out()).isTrue();
            assertThat(Long.parseLong(m.group(3))).as("the record time is a day old").isGreaterThan(Duration.ofHours(23).toSeconds());
            assertThat(find.out()).doesNotContain("verdict=HANGING");
            Run abort = run("transactions", "abort", "-c", file.toString(), "--producer-id", m.group(1), "--producer-epoch", m.group(2),
                    "--yes");
            assertThat(abort.code()).isEqualTo(1);
            assertThat(abort.err()).contains("refusing to abort", "LIVE", "transactional id replayer");
            replayer.commitTransaction();
        }
        assertThat(readCommitted(kafka.bootstrapServers(), shard, transactions * perTransaction + 1))
                .hasSize(transactions * perTransaction + 1).contains("held-open");
    }

    private static Optional<HealthChecks.Check> stuckCheck(TopicPartition tp) {
        return HealthChecks.all().stream().filter(c -> c.name().equals("stuck-lso"))
                .filter(c -> c.message().contains("topic " + tp.topic() + " partition " + tp.partition() + ":")).findFirst();
    }

    private static double stuckSeconds(TopicPartition tp) {
        Matcher m = Pattern.compile("(?m)^influxha_kafka_lso_stuck_seconds\\{partition=\"" + tp.partition() + "\",topic=\""
                + Pattern.quote(tp.topic()) + "\",?} (\\S+)$").matcher(Metrics.scrape());
        assertThat(m.find()).as("influxha_kafka_lso_stuck_seconds of %s in the scrape", tp).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static LsoWatch.Ends ends(Admin admin, TopicPartition tp) {
        return PartitionEnds.read(admin, List.of(tp.topic())).ends().get(tp);
    }

    private static Path writeConfig(String prefix) throws IOException {
        return Files.writeString(dir.resolve(prefix + ".yaml"), String.join("\n",
                "data_dir: " + dir.resolve("data-" + prefix),
                "kafka:",
                "  bootstrap_servers: " + broker.bootstrapServers(),
                "  topic_prefix: " + prefix,
                "  partitions: 1",
                "  replication_factor: 1",
                "  min_insync_replicas: 1",
                "  allow_single_replica: true",
                "gateway:",
                "  listen: 127.0.0.1:18086",
                "backends:",
                "  - name: a",
                "    url: http://127.0.0.1:18087",
                "shards:",
                "  - name: main",
                "    replicas: [a]",
                "    measurements: [\"*\"]",
                ""));
    }

    private static KafkaProducer<String, String> producer(String transactionalId, int transactionTimeoutMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Every committed value of the partition, read until at least {@code atLeast} arrived and the position is at the end. */
    private static List<String> readCommitted(String bootstrap, TopicPartition tp, int atLeast) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            Await.until(WAIT, () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && !r.value().isEmpty()) { // topic creation writes one empty record (KAFKA-15591)
                        values.add(r.value());
                    }
                }
                return values.size() >= atLeast && consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp);
            }, () -> "read_committed reading " + atLeast + " values of " + tp + ", got " + values);
        }
        return values;
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] args(String a, String b, String c, String d, String[] rest, String... more) {
        return Stream.of(Stream.of(a, b, c, d), Stream.of(rest), Stream.of(more)).flatMap(s -> s).toArray(String[]::new);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
