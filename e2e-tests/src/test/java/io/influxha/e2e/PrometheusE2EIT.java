package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import io.influxha.testkit.PrometheusProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}, 2.42) scrapes itself and remote-writes to the
 * gateway of {@code influx-ha all} (the packaged jar) with two real influxd replicas: its samples
 * land in both, identical, stored as InfluxDB 1.8 stores them (measurement = metric name, tags =
 * labels, float field {@code value}, time in ms x 10^6). It also scrapes the gateway's
 * {@code /metrics}, as deploy/prometheus/prometheus.yml does: every metric the alert rules and the
 * dashboard query ({@link DeployedMetrics}) is there, and every one of their expressions
 * evaluates. Without a {@code prometheus} binary it is skipped, saying why, or fails when the
 * environment variable CI is set (RequiredTool).
 */
class PrometheusE2EIT {
    private static final Duration LAND = Duration.ofSeconds(40);
    private static final Duration SCRAPED = Duration.ofSeconds(30);
    private static final String DB = "prom";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void samples_prometheus_scrapes_land_identical_in_both_replicas_and_every_metric_deploy_queries_is_scraped() throws Exception {
        Path binary = PrometheusProcess.required();
        try (AllInOne all = AllInOne.start(dir, AllInOneConfig.of("prom", 2))) {
            new GatewayClient(all.gateway).query("CREATE DATABASE " + DB);
            long started = System.nanoTime();
            try (PrometheusProcess prometheus = PrometheusProcess.start(binary, dir.resolve("prometheus"), alsoScrapingTheGateway(
                    PrometheusProcess.scrapingItself("self", all.gateway + "/api/v1/prom/write?db=prom&rp=autogen"), all))) {
                Await.until(LAND, () -> upCount(all.a) >= 3 && upCount(all.b) >= 3,
                        () -> "3 'up' samples in both replicas: a=" + upCount(all.a) + " b=" + upCount(all.b)
                                + "; prometheus log:\n" + prometheus.logTail() + "\ninflux-ha log:\n" + all.influxHa.logTail());
                long landedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertBothHoldTheSameUpSamples(all, prometheus.port());
                System.out.printf("prometheus_e2e landed_ms=%d up_a=%d up_b=%d points_a=%d points_b=%d%n", landedMs,
                        upCount(all.a), upCount(all.b), totalPoints(all.a), totalPoints(all.b));
                assertEveryDeployedMetricIsScraped(new PrometheusApi(prometheus.port()), all);
            }
        }
    }

    /** The gateway's {@code /metrics} as job {@code influx-ha-gateway}, the job name deploy/prometheus/prometheus.yml gives it. */
    private static String alsoScrapingTheGateway(String config, AllInOne all) {
        String job = """
                  - job_name: influx-ha-gateway
                    static_configs:
                      - targets: ['HOSTPORT']
                """.replace("HOSTPORT", all.gateway.getAuthority());
        return config.replace("remote_write:", job + "remote_write:");
    }

    private static void assertEveryDeployedMetricIsScraped(PrometheusApi prometheus, AllInOne all) throws IOException {
        long started = System.nanoTime();
        Path root = Path.of("..");
        Set<String> wanted = new TreeSet<>(DeployedMetrics.names(root));
        Await.until(SCRAPED, () -> prometheus.names().containsAll(wanted), () -> "every name the rules and the dashboard query "
                + "in Prometheus; missing: " + missing(wanted, prometheus) + "\ntargets:\n" + prometheus.targets()
                + "influx-ha log:\n" + all.influxHa.logTail());
        List<String> errors = new ArrayList<>();
        List<String> expressions = DeployedMetrics.expressions(root);
        for (String expr : expressions) {
            prometheus.queryError(expr).ifPresent(e -> errors.add(expr + " -> " + e));
        }
        assertThat(errors).as("expressions of %s and %s Prometheus refuses", DeployedMetrics.ALERTS, DeployedMetrics.DASHBOARD)
                .isEmpty();
        System.out.printf("prometheus_e2e deployed_metrics=%d expressions=%d checked_ms=%d%n", wanted.size(), expressions.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static Set<String> missing(Set<String> wanted, PrometheusApi prometheus) {
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(prometheus.names());
        return missing;
    }

    private static void assertBothHoldTheSameUpSamples(AllInOne all, int prometheusPort) {
        long bound = Math.min(lastUpTime(all.a), lastUpTime(all.b));
        String q = "SELECT * FROM \"up\" WHERE \"job\" = 'self' AND time <= " + bound;
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

    /** Samples of Prometheus' own {@code up} (job {@code self}; the gateway's job lands there too); 0 before the database exists. */
    private static long upCount(InfluxdProcess replica) {
        try {
            return JSON.readTree(replica.query(DB, "SELECT count(value) FROM \"up\" WHERE \"job\" = 'self'")).path("results").path(0)
                    .path("series").path(0).path("values").path(0).path(1).asLong(0);
        } catch (IOException e) {
            throw new AssertionError("count of 'up' on " + replica.url() + " answered no JSON", e);
        }
    }

    private static long lastUpTime(InfluxdProcess replica) {
        return series(replica, "SELECT last(value) FROM \"up\" WHERE \"job\" = 'self'").path("values").get(0).get(0).asLong();
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
}
