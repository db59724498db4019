package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.Secret;
import io.influxha.core.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The counters the alert rules watch with {@code increase()} (deploy/prometheus/alerts.yml) exist
 * at 0 from a writer's start: a counter that first appears at 1 has no increase Prometheus can
 * see, so its first dead letter or MISCONFIGURED answer would not fire an alert.
 */
class WriterMetersTest {
    /** A backend no other test uses: the registry is the process's, shared by every test of this JVM. */
    private static final String BACKEND = "meters-at-start";

    @Test
    void a_writer_shows_its_written_dead_lettered_and_misconfigured_counters_at_zero_from_its_start() throws Exception {
        assertThat(Metrics.registry().find("influxha_writer_points_written").tag("backend", BACKEND).counter())
                .as("no counter before the writer starts").isNull();
        try (FakeInflux influx = new FakeInflux()) {
            BackendSettings backend = new BackendSettings(BACKEND, influx.url(), false, Duration.ofSeconds(2), Duration.ofSeconds(5),
                    "", Secret.NONE);
            InfluxHaConfig config = WriterFixture.config(List.of(backend),
                    WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(50)));
            try (Writer writer = Writer.start(new PollingConsumer(),
                    new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                    new BackendClient(backend), config, BACKEND, List.of(WriterFixture.TOPIC))) {
                assertThat(Metrics.scrape()).contains(
                        "influxha_writer_points_written_total{backend=\"" + BACKEND + "\"} 0.0",
                        "influxha_writer_points_dead_lettered_total{backend=\"" + BACKEND + "\"} 0.0",
                        "influxha_writer_write_retries_total{backend=\"" + BACKEND + "\",decision=\"MISCONFIGURED\"} 0.0");
            }
        }
    }
}
