package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}, 2.42) scrapes itself and remote-writes to the
 * gateway of {@code influx-ha all} (the packaged jar) with two real influxd replicas: its samples
 * land in both, identical, stored as InfluxDB 1.8 stores them (measurement = metric name, tags =
 * labels, float field {@code value}, time in ms x 10^6). Skipped, saying why, only when no
 * {@code prometheus} binary is installed.
 */
class PrometheusE2EIT {
    private static final Duration LAND = Duration.ofSeconds(40);
    private static final String DB = "prom";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void samples_prometheus_scrapes_from_itself_land_identical_in_both_replicas() throws Exception {
        Optional<Path> binary = prometheusBinary();
        assumeTrue(binary.isPresent(), "no prometheus binary on PATH: install Debian's prometheus package "
                + "(scripts/install-influxdb does) to run this test");
        try (AllInOne all = AllInOne.start(dir, """
                data_dir: %1$s
                kafka:
                  topic_prefix: prom
                  partitions: 2
                gateway:
                  listen: 127.0.0.1:%2$d
                backends:
                  - name: a
                    url: %3$s
                  - name: b
                    url: %4$s
                shards:
                  - name: main
                    replicas: [a, b]
                    measurements: ["*"]
                writer:
                  flush_interval: 50ms
                """)) {
            new GatewayClient(all.gateway).query("CREATE DATABASE " + DB);
            long started = System.nanoTime();
            try (Prometheus prometheus = Prometheus.start(binary.get(), dir.resolve("prometheus"), all.gateway.getPort())) {
                Await.until(LAND, () -> upCount(all.a) >= 3 && upCount(all.b) >= 3,
                        () -> "3 'up' samples in both replicas: a=" + upCount(all.a) + " b=" + upCount(all.b)
                                + "; prometheus log:\n" + prometheus.logTail() + "\ninflux-ha log:\n" + all.influxHa.logTail());
                long landedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertBothHoldTheSameUpSamples(all, prometheus.port);
                System.out.printf("prometheus_e2e landed_ms=%d up_a=%d up_b=%d points_a=%d points_b=%d%n", landedMs,
                        upCount(all.a), upCount(all.b), totalPoints(all.a), totalPoints(all.b));
            }
        }
    }

    private static void assertBothHoldTheSameUpSamples(AllInOne all, int prometheusPort) {
        long bound = Math.min(lastUpTime(all.a), lastUpTime(all.b));
        String q = "SELECT * FROM \"up\" WHERE time <= " + bound;
        JsonNode inA = series(all.a, q);
        JsonNode inB = series(all.b, q);
        assertThat(inB).as("replica b's 'up' samples up to %d equal a's", bound).isEqualTo(inA);
        assertThat(inA.path("columns")).hasToString("[\"time\",\"__name__\",\"instance\",\"job\",\"value\"]");
        assertThat(inA.path("values").size()).as("samples up to the bound").isGreaterThanOrEqualTo(3);
        for (JsonNode row : inA.path("values")) {
            assertThat(row.get(0).asLong() % 1_000_000).as("time %s is milliseconds x 10^6", row.get(0)).isZero();
            assertThat(row.get(1).asText()).isEqualTo("up");
            assertThat(row.get(2).asText()).as("label instance").isEqualTo("127.0.0.1:" + prometheusPort);
            assertThat(row.get(3).asText()).as("label job").isEqualTo("self");
            assertThat(row.get(4).asDouble()).as("value of a scrape that succeeded").isEqualTo(1.0);
        }
        for (InfluxdProcess replica : List.of(all.a, all.b)) {
            assertThat(series(replica, "SHOW FIELD KEYS FROM \"up\"").path("values"))
                    .as("field types in %s", replica.url()).hasToString("[[\"value\",\"float\"]]");
        }
    }

    private static long upCount(InfluxdProcess replica) {
        return replica.count(DB, "up");
    }

    private static long lastUpTime(InfluxdProcess replica) {
        return series(replica, "SELECT last(value) FROM \"up\"").path("values").get(0).get(0).asLong();
    }

    /** Points of every measurement: a figure for the report, not compared (measurements progress on different partitions). */
    private static long totalPoints(InfluxdProcess replica) {
        long total = 0;
        for (JsonNode series : result(replica, "SELECT count(value) FROM /.*/").path("series")) {
            total += series.path("values").get(0).get(1).asLong();
        }
        return total;
    }

    private static JsonNode series(InfluxdProcess replica, String q) {
        return result(replica, q).path("series").path(0);
    }

    private static JsonNode result(InfluxdProcess replica, String q) {
        try {
            JsonNode result = JSON.readTree(replica.query(DB, q)).path("results").path(0);
            if (result.has("error")) {
                throw new AssertionError("query " + q + " on " + replica.url() + ": " + result.get("error"));
            }
            return result;
        } catch (IOException e) {
            throw new AssertionError("query " + q + " on " + replica.url() + " answered no JSON", e);
        }
    }

    private static Optional<Path> prometheusBinary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin"))
                .map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    /**
     * Prometheus on a free loopback port with its own data dir, scraping itself every second and
     * remote-writing to the gateway; {@code timeout} bounds its life to 5 minutes should this JVM die
     * without closing it, and {@link #close} stops it by pid.
     */
    private record Prometheus(int port, Path dir, Process process) implements AutoCloseable {
        static Prometheus start(Path binary, Path dir, int gatewayPort) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Files.createDirectories(dir);
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: self
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    remote_write:
                      - url: http://127.0.0.1:%d/api/v1/prom/write?db=prom&rp=autogen
                        queue_config:
                          batch_send_deadline: 1s
                    """.formatted(port, gatewayPort));
            Process process = new ProcessBuilder("timeout", "-k", "5", "300", binary.toString(), "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            return new Prometheus(port, dir, process);
        }

        String logTail() {
            try {
                List<String> all = Files.readAllLines(dir.resolve("prometheus.log"));
                return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        /** SIGTERM to {@code timeout}, which passes it on to Prometheus; SIGKILL to both if they outlast 20 s. */
        @Override
        public void close() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
