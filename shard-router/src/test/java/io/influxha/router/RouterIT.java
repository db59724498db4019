package io.influxha.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.TopicAdmin;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.lp.SeriesKeys;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router against a real broker: what read_committed consumers of the shard topics see. */
class RouterIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private String bootstrap;
    private KafkaCluster kafka;
    private String prefix;

    static List<ShardSettings> shards() {
        return List.of(new ShardSettings("cpu", List.of("a"), List.of("cpu")),
                new ShardSettings("rest", List.of("a"), List.of("*")));
    }

    @BeforeEach
    void topics() {
        bootstrap = KafkaFixture.bootstrapServers();
        prefix = KafkaFixture.uniqueName("router");
        kafka = KafkaFixture.cluster(config("a"));
        TopicAdmin.ensureAll(config("a"), kafka);
    }

    InfluxHaConfig config(String instance) {
        return TestConfigs.config(dir.resolve(instance), bootstrap, prefix, shards());
    }

    @Test
    void routes_series_to_their_partition_and_bad_lines_to_the_dlq() {
        int records = 40;
        try (Router router = Router.start(config("a"), kafka); IngestProducer ingest = new IngestProducer(bootstrap, prefix)) {
            ingest.send(0, records);
            IngestProducer.await(List.of(ingest.send("cpu", "cpu,host=x v=1i 5\ncpu,host=x v= 6\n")));

            List<CommittedOutput.Line> lines = readAll(records * IngestProducer.LINES + 1);
            assertExactlyOnce(lines, records, List.of("cpu,host=x v=1i 5"));
            for (CommittedOutput.Line line : lines) {
                String series = line.text().substring(0, line.text().indexOf(' '));
                byte[] bytes = series.getBytes(StandardCharsets.UTF_8);
                assertThat(line.partition()).as(line.text())
                        .isEqualTo(Math.floorMod(SeriesKeys.hash(bytes, 0, bytes.length), 2));
                assertThat(line.key()).isEqualTo("db//" + series.substring(0, series.indexOf(',')));
            }
            assertThat(lines).extracting(CommittedOutput.Line::partition).contains(0, 1);

            List<ConsumerRecord<byte[], byte[]>> dlq = KafkaFixture.readAll(Topics.dlq(prefix), 1, DEADLINE);
            assertThat(dlq).hasSize(1);
            assertThat(new String(dlq.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("cpu,host=x v= 6\n");
            assertThat(RecordHeaders.get(dlq.get(0).headers(), RecordHeaders.DLQ_REASON)).startsWith("unable to parse 'cpu,host=x v= 6'");
            assertThat(router.recordsRouted()).isEqualTo(records + 1);
        }
    }

    @Test
    void loses_and_duplicates_nothing_when_the_router_is_closed_and_replaced_mid_stream() throws Exception {
        int records = 600;
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (IngestProducer ingest = new IngestProducer(bootstrap, prefix); CommittedOutput out = output()) {
            Router first = Router.start(config("a"), kafka);
            ingest.send(0, records / 2);
            Await.until(DEADLINE, () -> out.poll() >= 100, () -> "the first router to commit 100 lines, saw " + out.lines().size());
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> ingest.send(records / 2, records), background);
            first.close();
            try (Router second = Router.start(config("b"), kafka)) {
                rest.get();
                int expected = records * IngestProducer.LINES;
                Await.until(DEADLINE, () -> out.poll() >= expected, () -> expected + " lines, saw " + out.lines().size());
            }
            Await.until(DEADLINE, () -> out.poll() >= 0 && out.atEnd(), () -> "the end of the shard topics");
            assertExactlyOnce(out.lines(), records, List.of());
            assertThat(first.recordsRouted()).as("records routed by the first router").isBetween(1L, records - 1L);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void two_routers_running_at_once_share_the_ingest_partitions_and_route_each_record_once() throws Exception {
        int records = 600;
        try (IngestProducer ingest = new IngestProducer(bootstrap, prefix); CommittedOutput out = output();
             Router first = Router.start(config("a"), kafka); Router second = Router.start(config("b"), kafka)) {
            ingest.send(0, records);
            int expected = records * IngestProducer.LINES;
            Await.until(DEADLINE, () -> out.poll() >= expected, () -> expected + " lines, saw " + out.lines().size());
            Await.until(DEADLINE, () -> out.poll() >= 0 && out.atEnd(), () -> "the end of the shard topics");
            assertExactlyOnce(out.lines(), records, List.of());
            assertThat(first.recordsRouted()).as("records routed by the first router").isPositive();
            assertThat(second.recordsRouted()).as("records routed by the second router").isPositive();
            assertThat(first.recordsRouted() + second.recordsRouted()).isGreaterThanOrEqualTo(records);
        }
    }

    @Test
    void loses_and_duplicates_nothing_when_a_router_process_is_killed_mid_stream() throws Exception {
        int records = 600;
        ExecutorService background = Executors.newSingleThreadExecutor();
        Process child = startRouterProcess();
        try (IngestProducer ingest = new IngestProducer(bootstrap, prefix); CommittedOutput out = output()) {
            ingest.send(0, records / 2);
            Await.until(DEADLINE, () -> child.isAlive() && out.poll() >= 100,
                    () -> "the router process to commit 100 lines (alive: " + child.isAlive() + "), saw " + out.lines().size());
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> ingest.send(records / 2, records), background);
            child.destroyForcibly().waitFor();
            try (Router survivor = Router.start(config("b"), kafka)) {
                rest.get();
                int expected = records * IngestProducer.LINES;
                Await.until(DEADLINE, () -> out.poll() >= expected, () -> expected + " lines, saw " + out.lines().size());
            }
            Await.until(DEADLINE, () -> out.poll() >= 0 && out.atEnd(), () -> "the end of the shard topics");
            assertExactlyOnce(out.lines(), records, List.of());
        } finally {
            child.destroyForcibly();
            background.shutdownNow();
        }
    }

    /**
     * {@code RouterMain -c FILE} in a child JVM, so that it can be killed with SIGKILL. Its session
     * timeout is the broker's minimum, so the survivor takes its partitions over within seconds;
     * its open transaction is aborted by the broker after Streams' 10 s transaction timeout.
     */
    private Process startRouterProcess() throws Exception {
        Path yaml = dir.resolve("child.yaml");
        Files.writeString(yaml, String.join("\n",
                "data_dir: " + dir.resolve("child"),
                "kafka:",
                "  bootstrap_servers: \"" + bootstrap + "\"",
                "  topic_prefix: " + prefix,
                "  partitions: 2",
                "  replication_factor: 1",
                "  allow_single_replica: true",
                "  client_overrides:",
                "    session.timeout.ms: \"6000\"",
                "backends:",
                "  - name: a",
                "    url: http://127.0.0.1:18086",
                "shards:",
                "  - name: cpu",
                "    replicas: [a]",
                "    measurements: [\"cpu\"]",
                "  - name: rest",
                "    replicas: [a]",
                "    measurements: [\"*\"]",
                "router:",
                "  commit_interval: 100ms",
                "  listen: 127.0.0.1:0", // its /health and /metrics on any free port: nothing else on this host is disturbed
                ""));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, RouterMain.class.getName(), "-c", yaml.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    private CommittedOutput output() {
        return new CommittedOutput(bootstrap, List.of(Topics.shard(prefix, "cpu"), Topics.shard(prefix, "rest")));
    }

    private List<CommittedOutput.Line> readAll(int expected) {
        try (CommittedOutput out = output()) {
            Await.until(DEADLINE, () -> out.poll() >= expected && out.atEnd(), () -> expected + " lines, saw " + out.lines().size());
            return List.copyOf(out.lines());
        }
    }

    /** Every produced line exactly once, in the topic of its measurement, each series in time order. */
    static void assertExactlyOnce(List<CommittedOutput.Line> lines, int records, List<String> extra) {
        List<String> expected = IntStream.range(0, records).boxed()
                .flatMap(i -> IngestProducer.lines(i).stream()).collect(Collectors.toList());
        expected.addAll(extra);
        assertThat(lines).extracting(CommittedOutput.Line::text).containsExactlyInAnyOrderElementsOf(expected);
        Map<String, Long> lastTime = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        for (CommittedOutput.Line line : lines) {
            String series = line.text().substring(0, line.text().indexOf(' '));
            String measurement = series.substring(0, series.indexOf(','));
            assertThat(line.topic()).endsWith(measurement.equals("cpu") ? ".shard.cpu" : ".shard.rest");
            long time = Long.parseLong(line.text().substring(line.text().lastIndexOf(' ') + 1));
            assertThat(time).as("time order of %s", series).isGreaterThanOrEqualTo(lastTime.getOrDefault(series, Long.MIN_VALUE));
            lastTime.put(series, time);
            assertThat(partitionOf.computeIfAbsent(series, s -> line.partition())).as("partition of %s", series).isEqualTo(line.partition());
        }
    }
}
