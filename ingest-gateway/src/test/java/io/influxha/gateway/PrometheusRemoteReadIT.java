package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.TestRouters;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import io.influxha.testkit.PrometheusProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus 2.42 reads through the gateway's {@code /api/v1/prom/read}: one Prometheus
 * scrapes itself and remote-writes straight into a real influxd; a second one, with nothing of its
 * own, answers a query for those samples only through {@code remote_read} via the gateway, which
 * proxies the read to the replica's own endpoint. Skipped, saying why, only without Prometheus.
 */
class PrometheusRemoteReadIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void a_prometheus_with_no_data_of_its_own_reads_the_replicas_samples_through_the_gateway() throws Exception {
        Path binary = PrometheusProcess.required();
        Files.createDirectories(dir.resolve("writer"));
        Files.createDirectories(dir.resolve("reader"));
        try (InfluxdProcess influxd = InfluxdProcess.start(dir.resolve("influxd"))) {
            influxd.createDatabase("prom");
            TestRouters routers = new TestRouters(List.of(BackendSettings.of("a", influxd.url())),
                    List.of(new ShardSettings("main", List.of("a"), List.of("*"))), 1000);
            try (Gateway gateway = Gateway.start(new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20),
                            Duration.ofSeconds(5)), new FakePublisher(), new MemoryBudget(1 << 24), routers.router);
                 PrometheusProcess writer = PrometheusProcess.start(binary, dir.resolve("writer"),
                         PrometheusProcess.scrapingItself("source", influxd.url() + "/api/v1/prom/write?db=prom"));
                 PrometheusProcess reader = PrometheusProcess.start(binary, dir.resolve("reader"), """
                         global:
                           scrape_interval: 1m
                         remote_read:
                           - url: http://127.0.0.1:GATEWAY/api/v1/prom/read?db=prom
                             read_recent: true
                         """.replace("GATEWAY", Integer.toString(gateway.port())))) {
                String[] last = {""};
                Await.until(WAIT, () -> {
                    last[0] = instantQuery(reader.port(), "up{job=\"source\"}");
                    return last[0].contains("\"job\":\"source\"");
                }, () -> "the reader Prometheus to see up{job=\"source\"} through the gateway; last answer: " + last[0]
                        + "\nwriter log: " + writer.logTail() + "\nreader log: " + reader.logTail());

                assertThat(last[0]).contains("\"status\":\"success\"").contains("\"instance\":\"127.0.0.1:" + writer.port() + "\"");
            }
        }
    }

    private static String instantQuery(int port, String promql) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = TestGateway.CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (java.io.IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
