package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unmodified client libraries from Maven Central, and Telegraf's request shapes, writing through a
 * gateway on a real broker: what each leaves in the ingest topic is what it sent.
 */
class RealClientsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String prefix;
    private static Gateway gateway;
    private static String url;

    @BeforeAll
    static void start() {
        prefix = KafkaFixture.uniqueName("clients");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 3));
        TestConfigs.catalogHas(KafkaFixture.bootstrapServers(), prefix, "v2db/week"); // the rest are created by the clients
        gateway = TestConfigs.startGateway(KafkaFixture.bootstrapServers(), prefix, Duration.ofSeconds(30), Map.of());
        url = "http://127.0.0.1:" + gateway.port();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Every data line of ingest records keyed {@code key}, once at least {@code lines} of them can be read. */
    private static List<ConsumerRecord<byte[], byte[]>> ingest(String key, int lines) {
        return Await.value(WAIT,
                () -> KafkaFixture.readAll(Topics.ingest(prefix), 1, Duration.ofSeconds(5)).stream()
                        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key)).toList(),
                records -> linesOf(records).size() >= lines,
                () -> lines + " line(s) in records keyed " + key + " in " + Topics.ingest(prefix));
    }

    private static List<String> linesOf(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().flatMap(r -> new String(r.value(), StandardCharsets.UTF_8).lines()).toList();
    }

    @Test
    void influxdb_java_1x_api_pings_creates_a_database_and_writes_a_gzipped_batch() {
        try (InfluxDB client = InfluxDBFactory.connect(url, "writer", "secret")) {
            client.enableGzip();
            Pong pong = client.ping();
            QueryResult created = client.query(new Query("CREATE DATABASE \"javadb\""));
            client.write(BatchPoints.database("javadb").retentionPolicy("autogen").consistency(InfluxDB.ConsistencyLevel.ONE)
                    .point(Point.measurement("cpu").time(1_700_000_000_000L, TimeUnit.MILLISECONDS)
                            .tag("host", "a b").addField("usage", 0.5).addField("count", 3L).build())
                    .point(Point.measurement("cpu").time(1_700_000_001_000L, TimeUnit.MILLISECONDS)
                            .tag("host", "c").addField("usage", 1.5).addField("state", "ok \"fine\"").build())
                    .build());

            assertThat(pong.getVersion()).isEqualTo("1.8.10");
            assertThat(created.hasError()).isFalse();
        }
        List<ConsumerRecord<byte[], byte[]>> records = ingest("javadb/autogen/cpu", 2);
        assertThat(linesOf(records)).containsExactly(
                "cpu,host=a\\ b count=3i,usage=0.5 1700000000000000000",
                "cpu,host=c state=\"ok \\\"fine\\\"\",usage=1.5 1700000001000000000");
        assertThat(RecordHeaders.get(records.get(0).headers(), RecordHeaders.RP)).isEqualTo("autogen");
    }

    @Test
    void influxdb_client_java_v2_write_api_writes_to_db_slash_rp_bucket_with_a_token() {
        try (InfluxDBClient client = InfluxDBClientFactory.createV1(url, "writer", "secret".toCharArray(), "v2db", "week")) {
            client.getWriteApiBlocking().writeRecords(WritePrecision.S, List.of(
                    "mem,host=a used=1i 1700000000", "mem,host=b used=2i 1700000001"));
            client.getWriteApiBlocking().writeRecord("v2db/week", "ignored-org", WritePrecision.MS, "disk free=3 1700000002000");
        }
        assertThat(linesOf(ingest("v2db/week/mem", 2)))
                .containsExactly("mem,host=a used=1i 1700000000000000000", "mem,host=b used=2i 1700000001000000000");
        assertThat(linesOf(ingest("v2db/week/disk", 1))).containsExactly("disk free=3 1700000002000000000");
    }

    /**
     * Telegraf's influxdb output: {@code CREATE DATABASE} as a form-encoded POST /query at start,
     * then gzip bodies of metric_batch_size (1000) lines with {@code db} and precision-less (ns) times.
     */
    @Test
    void telegraf_shapes_create_database_then_gzipped_batches_of_1000() throws Exception {
        HttpResponse<String> created = TestGateway.CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", "Telegraf/1.25.0")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode("CREATE DATABASE \"telegraf\"", StandardCharsets.UTF_8)))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(200);

        for (int batch = 0; batch < 2; batch++) {
            int first = batch * 1000;
            String body = IntStream.range(first, first + 1000)
                    .mapToObj(i -> "net,host=h,interface=eth0 bytes_recv=" + i + "i " + (1_700_000_000_000_000_000L + i))
                    .collect(Collectors.joining("\n", "", "\n"));
            HttpResponse<String> r = TestGateway.CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/write?db=telegraf"))
                    .header("Content-Encoding", "gzip").header("Content-Type", "text/plain; charset=utf-8")
                    .header("User-Agent", "Telegraf/1.25.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestGateway.gzip(body.getBytes(StandardCharsets.UTF_8))))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("batch %d", batch).isEqualTo(204);
        }
        List<String> lines = linesOf(ingest("telegraf/autogen/net", 2000));
        assertThat(lines).hasSize(2000);
        assertThat(lines.get(0)).isEqualTo("net,host=h,interface=eth0 bytes_recv=0i 1700000000000000000");
        assertThat(lines.get(1999)).isEqualTo("net,host=h,interface=eth0 bytes_recv=1999i 1700000000000001999");
    }
}
