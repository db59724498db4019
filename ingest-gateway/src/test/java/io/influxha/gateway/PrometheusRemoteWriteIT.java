package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.Topics;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import io.influxha.testkit.PrometheusProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus} package, 2.42) scrapes itself and remote-writes to
 * a gateway on a real broker: its samples land in the ingest topic as InfluxDB 1.8 would store them.
 * Without a {@code prometheus} binary it is skipped, saying why, or fails when the environment
 * variable CI is set (RequiredTool).
 */
class PrometheusRemoteWriteIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    @Test
    void prometheus_remote_write_lands_in_the_ingest_topic_as_influxdb_1_8_converts_it() throws Exception {
        Path binary = PrometheusProcess.required();
        String prefix = KafkaFixture.uniqueName("prom");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 3));
        TestConfigs.catalogHas(KafkaFixture.bootstrapServers(), prefix, "prom");
        try (Gateway gateway = TestConfigs.startGateway(KafkaFixture.bootstrapServers(), prefix, Duration.ofSeconds(30), Map.of());
             PrometheusProcess prometheus = PrometheusProcess.start(binary, dir, PrometheusProcess.scrapingItself("self",
                     "http://127.0.0.1:" + gateway.port() + "/api/v1/prom/write?db=prom&rp=autogen"))) {
            List<String> up = Await.value(WAIT, () -> lines(prefix, "prom/autogen/up"), l -> !l.isEmpty(),
                    () -> "an 'up' sample from Prometheus in " + Topics.ingest(prefix) + "; its log: " + prometheus.logTail());
            assertThat(up.get(0)).matches("up,__name__=up,instance=127\\.0\\.0\\.1:" + prometheus.port() + ",job=self value=1\\.0 \\d{19}");
            // counted once the request's acknowledgement returned, a moment after its records are readable
            Await.until(WAIT, () -> gateway.pointsAccepted() > 0, () -> "the gateway counting the accepted points");
        }
    }

    private static List<String> lines(String prefix, String key) {
        return KafkaFixture.readAll(Topics.ingest(prefix), 1, Duration.ofSeconds(5)).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
                .map(ConsumerRecord::value)
                .flatMap(v -> new String(v, StandardCharsets.UTF_8).lines())
                .toList();
    }
}
