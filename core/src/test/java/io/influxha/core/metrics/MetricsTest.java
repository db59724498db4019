package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void a_counter_registered_anywhere_in_the_process_is_scraped_in_prometheus_text_format() {
        Metrics.registry().counter("influxha_test_events", "backend", "a").increment(3);
        assertThat(Metrics.scrape())
                .contains("# TYPE influxha_test_events_total counter")
                .contains("influxha_test_events_total{backend=\"a\"} 3.0");
    }
}
