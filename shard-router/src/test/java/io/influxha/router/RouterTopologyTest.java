package io.influxha.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.core.config.ShardRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.DriverRecords;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTopologyTest {
    private static final String PREFIX = "t";
    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    @TempDir
    Path dataDir;

    private final Map<String, Integer> partitions = new LinkedHashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> ingest;

    /** What the sink produced, as the writer would see it. */
    record Out(String topic, Integer partition, String key, String value, Headers headers) {
        String header(String name) {
            return RecordHeaders.get(headers, name);
        }
    }

    @BeforeEach
    void start() {
        partitions.put("cpu", 4);
        partitions.put("disk", 3);
        partitions.put("net", 2);
        partitions.put("rest", 2);
        var config = TestConfigs.config(dataDir, "127.0.0.1:1", PREFIX, TestConfigs.shards());
        var topology = RouterMain.buildTopology(PREFIX, ShardRules.of(config), partitions, new RouterCounters());
        driver = new TopologyTestDriver(topology, StreamsProperties.of(config, new KafkaCluster("127.0.0.1:1", config.kafka())));
        ingest = driver.createInputTopic(Topics.ingest(PREFIX), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void routes_measurements_by_exact_regex_glob_and_default_rules() {
        pipeData("db", "", "cpu,host=a v=1i 1\ndisk_sda,host=a v=2i 2\nnet_in,host=a v=3i 3\nmem,host=a v=4i 4\ndiskx v=5i 5\n");

        assertThat(values("cpu")).containsExactly("cpu,host=a v=1i 1\n");
        assertThat(values("disk")).containsExactly("disk_sda,host=a v=2i 2\n");
        assertThat(values("net")).containsExactly("net_in,host=a v=3i 3\n");
        assertThat(values("rest")).containsExactly("mem,host=a v=4i 4\n", "diskx v=5i 5\n");
    }

    @Test
    void keeps_every_point_of_a_series_in_one_partition_whatever_its_tag_order() {
        pipeData("db", "", "cpu,host=a,region=eu v=1i 1\ncpu,region=eu,host=a v=2i 2\n");
        pipeData("db", "", "cpu,region=eu,host=a v=3i 3\n");

        List<Out> out = read("cpu");
        assertThat(out).hasSize(2);
        assertThat(out).extracting(Out::partition).containsOnly(out.get(0).partition());
        assertThat(out.get(0).value()).isEqualTo("cpu,host=a,region=eu v=1i 1\ncpu,region=eu,host=a v=2i 2\n");
    }

    @Test
    void emits_one_record_per_partition_group_of_an_input_record_keyed_by_db_rp_measurement() {
        String body = IntStream.range(0, 40).mapToObj(i -> "cpu,host=h" + i + " v=" + i + "i " + (i + 1))
                .collect(Collectors.joining("\n", "", "\n"));
        pipeData("telegraf", "autogen", body);

        List<Out> out = read("cpu");
        Set<Integer> used = out.stream().map(Out::partition).collect(Collectors.toSet());
        assertThat(used).as("a busy measurement spreads over partitions").hasSizeGreaterThan(1);
        assertThat(out).as("one record per partition").hasSameSizeAs(used);
        assertThat(out).allSatisfy(o -> {
            assertThat(o.key()).isEqualTo("telegraf/autogen/cpu");
            assertThat(o.header(RecordHeaders.DB)).isEqualTo("telegraf");
            assertThat(o.header(RecordHeaders.RP)).isEqualTo("autogen");
        });
        List<String> lines = out.stream().flatMap(o -> o.value().lines()).toList();
        assertThat(lines).hasSize(40).containsExactlyInAnyOrderElementsOf(body.lines().toList());
        out.forEach(o -> assertThat(o.value().lines().toList()).isSortedAccordingTo(
                (a, b) -> Long.compare(Long.parseLong(a.substring(a.lastIndexOf(' ') + 1)), Long.parseLong(b.substring(b.lastIndexOf(' ') + 1)))));
    }

    @Test
    void broadcasts_ddl_to_every_partition_of_every_shard_topic_between_the_data_around_it() {
        String before = IntStream.range(0, 20).mapToObj(i -> "cpu,host=h" + i + " v=1i 1").collect(Collectors.joining("\n"));
        String after = IntStream.range(0, 20).mapToObj(i -> "cpu,host=h" + i + " v=2i 2").collect(Collectors.joining("\n"));
        pipeData("db", "", before);
        pipe(RecordHeaders.KIND_DDL, "db", "", "CREATE DATABASE \"db\"");
        pipeData("db", "", after);

        Map<String, List<Out>> byShard = new LinkedHashMap<>();
        partitions.keySet().forEach(shard -> byShard.put(shard, read(shard)));

        for (var shard : partitions.entrySet()) {
            List<Out> ddl = byShard.get(shard.getKey()).stream().filter(o -> o.header(RecordHeaders.KIND).equals("ddl")).toList();
            assertThat(ddl).extracting(Out::partition).containsExactlyInAnyOrderElementsOf(range(shard.getValue()));
            assertThat(ddl).extracting(Out::value).containsOnly("CREATE DATABASE \"db\"");
        }
        int ordered = 0;
        for (int p = 0; p < partitions.get("cpu"); p++) {
            int partition = p;
            List<String> seen = byShard.get("cpu").stream().filter(o -> o.partition() == partition)
                    .map(o -> o.header(RecordHeaders.KIND).equals("ddl") ? "ddl" : o.value().contains("v=1i") ? "before" : "after")
                    .distinct().toList();
            assertThat(seen).as("partition %d", p).isIn(List.of("before", "ddl", "after"), List.of("ddl"));
            ordered += seen.size() == 3 ? 1 : 0;
        }
        assertThat(ordered).as("partitions holding data on both sides of the DDL").isGreaterThan(1);
    }

    @Test
    void sends_bad_lines_to_the_dead_letter_topic_with_reason_and_source_while_good_lines_are_routed() {
        pipe(RecordHeaders.KIND_NOOP, "", "", "");
        pipeData("db", "rp1", "cpu,host=a v=1i 1\ncpu,host=a v= 2\ncpu,host=a v=3i 3\n");

        assertThat(String.join("", values("cpu"))).isEqualTo("cpu,host=a v=1i 1\ncpu,host=a v=3i 3\n");
        List<Out> dlq = read(Topics.dlq(PREFIX));
        assertThat(dlq).hasSize(1);
        Out dead = dlq.get(0);
        assertThat(dead.value()).isEqualTo("cpu,host=a v= 2\n");
        assertThat(dead.header(RecordHeaders.DLQ_REASON)).startsWith("unable to parse 'cpu,host=a v= 2'");
        assertThat(dead.header(RecordHeaders.DB)).isEqualTo("db");
        assertThat(dead.header(RecordHeaders.RP)).isEqualTo("rp1");
        assertThat(dead.header(RecordHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.ingest(PREFIX));
        assertThat(dead.header(RecordHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(dead.header(RecordHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("1");
    }

    @Test
    void sends_a_data_record_without_database_to_the_dead_letter_topic_whole() {
        pipeData("", "", "cpu v=1i 1\n");

        assertThat(read("cpu")).isEmpty();
        List<Out> dlq = read(Topics.dlq(PREFIX));
        assertThat(dlq).extracting(Out::value).containsExactly("cpu v=1i 1\n");
        assertThat(dlq.get(0).header(RecordHeaders.DLQ_REASON)).contains("missing header \"db\"");
    }

    @Test
    void skips_noop_records() {
        pipe(RecordHeaders.KIND_NOOP, "", "", "");
        pipe(RecordHeaders.KIND_NOOP, "db", "", "cpu v=1i 1\n");

        for (String shard : partitions.keySet()) {
            assertThat(read(shard)).isEmpty();
        }
        assertThat(read(Topics.dlq(PREFIX))).isEmpty();
    }

    @Test
    void stamps_lines_without_timestamp_with_the_record_time_in_nanoseconds() {
        pipeData("db", "", "mem,host=a v=1i\n");

        assertThat(values("rest")).containsExactly("mem,host=a v=1i 1700000000123000000\n");
    }

    @Test
    void record_time_becomes_nanoseconds_and_saturates_instead_of_overflowing() {
        assertThat(RoutingProcessor.nanos(1_700_000_000_123L)).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(RoutingProcessor.nanos(Long.MAX_VALUE / 10)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_record_the_gateway_checked_is_routed_exactly_as_when_it_is_parsed_in_full() {
        String body = IntStream.range(0, 60).mapToObj(i -> "cpu,host=h" + (i % 7) + ",dc=x\\ y s=\"a b\nc\",v=" + i + "i " + (i + 1))
                .collect(Collectors.joining("\n", "", "\n"));
        pipeData("db", "", body);
        List<Out> parsed = read("cpu");
        pipeChecked("db", "", body);
        List<Out> scanned = read("cpu");

        assertThat(scanned).extracting(Out::partition, Out::value).isEqualTo(parsed.stream().map(o -> org.assertj.core.groups.Tuple.tuple(o.partition(), o.value())).toList());
        assertThat(read(Topics.dlq(PREFIX))).isEmpty();
    }

    @Test
    void a_record_marked_checked_that_is_not_in_the_gateway_form_is_parsed_in_full() {
        // A line without timestamp is not what the gateway writes: the scan gives up, the parser stamps it.
        pipeChecked("db", "", "cpu,host=a v=1i 1\ncpu,host=a v=2i\n");

        assertThat(values("cpu")).containsExactly("cpu,host=a v=1i 1\ncpu,host=a v=2i " + T0.toEpochMilli() * 1_000_000L + "\n");
    }

    private void pipeData(String db, String rp, String body) {
        pipe(RecordHeaders.KIND_DATA, db, rp, body);
    }

    private void pipeChecked(String db, String rp, String body) {
        pipe(RecordHeaders.KIND_DATA, db, rp, body, true);
    }

    private void pipe(String kind, String db, String rp, String body) {
        pipe(kind, db, rp, body, false);
    }

    private void pipe(String kind, String db, String rp, String body, boolean checked) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        if (checked) {
            RecordHeaders.put(headers, RecordHeaders.LINES, RecordHeaders.LINES_CHECKED);
        }
        RecordHeaders.put(headers, RecordHeaders.KIND, kind);
        if (!db.isEmpty()) {
            RecordHeaders.put(headers, RecordHeaders.DB, db);
        }
        RecordHeaders.put(headers, RecordHeaders.RP, rp);
        ingest.pipeInput(new TestRecord<>(bytes(db + "/" + rp + "/x"), bytes(body), headers, T0));
    }

    private List<Out> read(String shardOrTopic) {
        String topic = shardOrTopic.contains(".") ? shardOrTopic : Topics.shard(PREFIX, shardOrTopic);
        List<Out> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : DriverRecords.drain(driver, topic)) {
            out.add(new Out(r.topic(), r.partition(), string(r.key()), string(r.value()), r.headers()));
        }
        return out;
    }

    private List<String> values(String shard) {
        return read(shard).stream().map(Out::value).toList();
    }

    private static Set<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
