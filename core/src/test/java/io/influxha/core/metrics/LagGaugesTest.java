package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.KafkaCluster;
import io.influxha.core.LagReport;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class LagGaugesTest {
    private static final String YAML = """
            kafka:
              bootstrap_servers: 127.0.0.1:9
            backends:
              - name: a
                url: http://127.0.0.1:18086
            shards:
              - name: main
                replicas: [a]
                measurements: ["*"]
            """;

    /** The rule InfluxHaLagRefreshFailing watches it with increase(): a counter first seen at 1 shows Prometheus no increase. */
    @Test
    void the_refresh_failures_counter_is_at_zero_before_any_refresh() {
        InfluxHaConfig config = ConfigLoader.parse(YAML, k -> null, Path.of("."));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LagGauges gauges = new LagGauges(LagReport.open(config, new KafkaCluster("127.0.0.1:9", config.kafka())), registry,
                Clock.systemUTC())) {
            assertThat(registry.find("influxha_lag_refresh_failures").counter()).as("the counter, before any refresh")
                    .isNotNull().extracting(Counter::count).isEqualTo(0.0);
        }
    }
}
