package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merged answer several times larger than the gateway's heap: the gateway runs in a JVM of its
 * own with {@code -Xmx128m} ({@link HeapBoundGateway}) over two real influxd, shard "one" (m_a,
 * m_c) on a and shard "two" (everything else: m_b) on b, each written directly. {@code SELECT *
 * FROM /.* /} must stream every row, the same rows as asking each backend, and a SHOW SERIES over
 * a low max_merge_size must answer the budget error, the gateway serving on afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MergedSelectMemoryIT {
    private static final String DB = "big";
    private static final long HEAP = 128L << 20;
    private static final int HOSTS = 500;
    private static final int POINTS_PER_HOST = 200;
    private static final String PAD = "x".repeat(1400);
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @TempDir
    static Path dir;
    private static InfluxdProcess a;
    private static InfluxdProcess b;
    private static Process gateway;
    private static URI gatewayUrl;

    @BeforeAll
    static void start() throws Exception {
        a = InfluxdProcess.start(dir.resolve("a"));
        b = InfluxdProcess.start(dir.resolve("b"));
        a.createDatabase(DB);
        b.createDatabase(DB);
        long started = System.nanoTime();
        CompletableFuture<Void> writeA = CompletableFuture.runAsync(() -> write(a, List.of("m_a", "m_c")));
        write(b, List.of("m_b"));
        writeA.get(120, TimeUnit.SECONDS);
        System.out.printf("wrote %d points in %d ms%n", 3L * HOSTS * POINTS_PER_HOST, (System.nanoTime() - started) / 1_000_000);
        gateway = startGateway();
    }

    /** Every host's points of each measurement, in batches of 5000 lines. */
    private static void write(InfluxdProcess influxd, List<String> measurements) {
        for (String m : measurements) {
            StringBuilder batch = new StringBuilder();
            for (int p = 0; p < POINTS_PER_HOST; p++) {
                for (int h = 0; h < HOSTS; h++) {
                    batch.append(m).append(",host=h").append(h).append(" v=").append(p * HOSTS + h).append(".5,pad=\"")
                            .append(PAD).append(p).append("\" ").append(T0 + p * 1_000_000_000L).append('\n');
                    if ((p * HOSTS + h + 1) % 5000 == 0) {
                        influxd.write(DB, batch.toString());
                        batch.setLength(0);
                    }
                }
            }
            if (!batch.isEmpty()) {
                influxd.write(DB, batch.toString());
            }
        }
    }

    private static Process startGateway() throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + (HEAP >> 20) + "m", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
                HeapBoundGateway.class.getName(), dir.toString(), Long.toString(8 * 1024),
                "one=" + a.url() + "=m_a,m_c", "two=" + b.url() + "=*")
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        Await.until(Duration.ofSeconds(30), () -> Files.exists(dir.resolve("port")) || !p.isAlive(), () -> "the gateway's port");
        assertThat(p.isAlive()).as("gateway JVM running; log: %s", log()).isTrue();
        gatewayUrl = URI.create("http://127.0.0.1:" + Files.readString(dir.resolve("port")).strip());
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.getOutputStream().close(); // asks it to write its heap figures and exit
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            Path heap = dir.resolve("heap");
            System.out.println("gateway heap: " + (Files.exists(heap) ? Files.readString(heap) : "no figures; log: " + log()));
        }
        for (InfluxdProcess i : new InfluxdProcess[] {a, b}) {
            if (i != null) {
                i.close();
            }
        }
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("gateway.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static HttpResponse<InputStream> query(URI base, String q, String extra) throws IOException, InterruptedException {
        String params = "db=" + DB + "&epoch=ns&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra;
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/query?" + params)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    @Order(1)
    void select_star_over_both_shards_streams_every_row_through_a_gateway_with_a_128_mib_heap() throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> merged = query(gatewayUrl, "SELECT * FROM /.*/", "");
        Digest viaGateway = Digest.of(merged.body());
        long millis = (System.nanoTime() - started) / 1_000_000;
        Digest direct = Digest.of(query(a.url(), "SELECT * FROM /.*/", "&chunked=true").body())
                .and(Digest.of(query(b.url(), "SELECT * FROM /.*/", "&chunked=true").body()));
        System.out.printf("merged answer: %d bytes (%.1f x the gateway's %d MiB heap), %d rows, in %d ms%n",
                viaGateway.bytes, (double) viaGateway.bytes / HEAP, HEAP >> 20, viaGateway.rows(), millis);

        assertThat(merged.statusCode()).isEqualTo(200);
        assertThat(merged.headers().firstValue("X-Influxha-Backend")).hasValue("one,two");
        assertThat(gateway.isAlive()).as("gateway JVM alive; log: %s", log()).isTrue();
        assertThat(viaGateway.errors).isEmpty();
        assertThat(viaGateway.order).as("series in InfluxDB's order across shards").containsExactly("m_a", "m_b", "m_c");
        assertThat(viaGateway.rows()).isEqualTo(3L * HOSTS * POINTS_PER_HOST);
        assertThat(viaGateway.checksums()).isEqualTo(direct.checksums());
        assertThat(viaGateway.bytes).as("the answer is several times the heap").isGreaterThan(3 * HEAP);
    }

    @Test
    @Order(2)
    void show_series_over_a_low_max_merge_size_is_the_budget_error_and_the_gateway_answers_on() throws Exception {
        HttpResponse<InputStream> series = query(gatewayUrl, "SHOW SERIES", "");
        String seriesBody = new String(series.body().readAllBytes(), StandardCharsets.UTF_8);
        HttpResponse<InputStream> measurements = query(gatewayUrl, "SHOW MEASUREMENTS", "");

        assertThat(series.statusCode()).isEqualTo(200);
        assertThat(seriesBody).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"influx-ha: the merged answer of this "
                + "statement is larger than gateway.max_merge_size (8KiB): narrow it (LIMIT, a WHERE on time, fewer measurements) "
                + "or raise the setting\"}]}\n");
        assertThat(new String(measurements.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"results\":[{"
                + "\"statement_id\":0,\"series\":[{\"name\":\"measurements\",\"columns\":[\"name\"],"
                + "\"values\":[[\"m_a\"],[\"m_b\"],[\"m_c\"]]}]}]}\n");
    }

    /** Rows per measurement of an answer read as it streams: count and CRC32 of each row's JSON, in answer order. */
    private static final class Digest {
        final Map<String, long[]> perMeasurement = new LinkedHashMap<>();
        final Map<String, CRC32> crcs = new LinkedHashMap<>();
        final List<String> order = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        long bytes;

        static Digest of(InputStream body) throws IOException {
            Digest d = new Digest();
            try (InputStream counted = d.counting(body); JsonParser p = PLAIN.createParser(counted)) {
                String name = "";
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t != JsonToken.FIELD_NAME) {
                        continue;
                    }
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("name")) {
                        name = p.getText();
                        if (d.order.isEmpty() || !d.order.get(d.order.size() - 1).equals(name)) {
                            d.order.add(name);
                        }
                    } else if (field.equals("values")) {
                        d.rows(p, name);
                    } else if (field.equals("error")) {
                        d.errors.add(p.getText());
                    } else if (!field.equals("results") && !field.equals("series")) {
                        p.skipChildren();
                    }
                }
            }
            return d;
        }

        private void rows(JsonParser p, String name) throws IOException {
            CRC32 crc = crcs.computeIfAbsent(name, n -> new CRC32());
            long[] count = perMeasurement.computeIfAbsent(name, n -> new long[1]);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                JsonNode row = p.readValueAsTree();
                crc.update(row.toString().getBytes(StandardCharsets.UTF_8));
                count[0]++;
            }
        }

        private InputStream counting(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    bytes += Math.max(n, 0);
                    return n;
                }
            };
        }

        Digest and(Digest other) {
            perMeasurement.putAll(other.perMeasurement);
            crcs.putAll(other.crcs);
            return this;
        }

        long rows() {
            return perMeasurement.values().stream().mapToLong(c -> c[0]).sum();
        }

        /** Measurement to "rows/crc". */
        Map<String, String> checksums() {
            Map<String, String> m = new java.util.TreeMap<>();
            perMeasurement.forEach((name, count) -> m.put(name, count[0] + "/" + Long.toHexString(crcs.get(name).getValue())));
            return m;
        }
    }
}
