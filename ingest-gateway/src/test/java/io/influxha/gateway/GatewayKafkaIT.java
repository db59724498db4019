package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway against a real broker: what a write or a DDL statement leaves in the ingest topic. */
class GatewayKafkaIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String prefix;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        prefix = KafkaFixture.uniqueName("gw");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 3));
        TestConfigs.catalogHas(KafkaFixture.bootstrapServers(), prefix, "itdb/week");
        gateway = TestConfigs.startGateway(KafkaFixture.bootstrapServers(), prefix, Duration.ofSeconds(30), Map.of());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return TestGateway.CLIENT.send(HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The ingest records with {@code key}, once at least {@code atLeast} of them can be read. */
    private static List<ConsumerRecord<byte[], byte[]>> ingest(String key, int atLeast) {
        return Await.value(WAIT,
                () -> KafkaFixture.readAll(Topics.ingest(prefix), 1, Duration.ofSeconds(5)).stream()
                        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key)).toList(),
                records -> records.size() >= atLeast,
                () -> atLeast + " record(s) with key " + key + " in " + Topics.ingest(prefix));
    }

    @Test
    void an_acknowledged_write_is_already_in_the_ingest_topic_with_key_headers_and_ns_lines() throws Exception {
        long before = WriteHandler.nowNanos();
        HttpResponse<String> r = post("/write?db=itdb&rp=week&precision=s", "cpu,host=a v=1 1700000000\ncpu,host=b v=2\nmem f=1i 1700000001\n");

        assertThat(r.statusCode()).isEqualTo(204);
        List<ConsumerRecord<byte[], byte[]>> cpu = ingest("itdb/week/cpu", 1);
        assertThat(cpu).singleElement().satisfies(rec -> {
            assertThat(RecordHeaders.get(rec.headers(), RecordHeaders.DB)).isEqualTo("itdb");
            assertThat(RecordHeaders.get(rec.headers(), RecordHeaders.RP)).isEqualTo("week");
            assertThat(RecordHeaders.get(rec.headers(), RecordHeaders.KIND)).isEqualTo(RecordHeaders.KIND_DATA);
            List<String> lines = new String(rec.value(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("cpu,host=a v=1 1700000000000000000");
            long stamped = Long.parseLong(lines.get(1).substring("cpu,host=b v=2 ".length()));
            assertThat(stamped % 1_000_000_000L).isZero();
            assertThat(stamped).isGreaterThanOrEqualTo(before - 1_000_000_000L);
        });
        assertThat(ingest("itdb/week/mem", 1)).singleElement().satisfies(rec ->
                assertThat(new String(rec.value(), StandardCharsets.UTF_8)).isEqualTo("mem f=1i 1700000001000000000\n"));
    }

    @Test
    void create_database_is_published_to_every_ingest_partition_as_copies_of_one_ddl_record() throws Exception {
        HttpResponse<String> r = post("/query?q=" + URLEncoder.encode("CREATE DATABASE \"it ddl\"", StandardCharsets.UTF_8), "");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
        List<ConsumerRecord<byte[], byte[]>> copies = ingest("it ddl", 3);
        assertThat(copies).hasSize(3);
        assertThat(copies).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(copies).extracting(rec -> RecordHeaders.get(rec.headers(), RecordHeaders.DDL_ID))
                .doesNotContain("").containsOnly(RecordHeaders.get(copies.get(0).headers(), RecordHeaders.DDL_ID));
        assertThat(copies).allSatisfy(rec -> {
            assertThat(RecordHeaders.isDdl(rec.headers())).isTrue();
            assertThat(RecordHeaders.get(rec.headers(), RecordHeaders.DB)).isEqualTo("it ddl");
            assertThat(new String(rec.value(), StandardCharsets.UTF_8)).isEqualTo("CREATE DATABASE \"it ddl\"");
        });
    }

    @Test
    void unreachable_kafka_answers_503_with_retry_after_never_4xx() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String nowhere = "127.0.0.1:" + closedPort;
        try (Gateway down = TestConfigs.startGateway(nowhere, prefix, Duration.ofSeconds(2),
                Map.of("reconnect.backoff.max.ms", "200"))) {
            HttpResponse<String> r = TestGateway.CLIENT.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + down.port() + "/write?db=x"))
                    .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString("m v=1 1")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            // The first thing a write needs from Kafka is the catalog (does the database exist?).
            assertThat(r.body()).startsWith("{\"error\":\"influx-ha: cannot tell whether database \\\"x\\\" exists");
        }
    }
}
