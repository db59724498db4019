package io.influxha.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void latency_summary_gives_percentiles_in_milliseconds() {
        Histogram micros = new Histogram(3_600_000_000L, 3);
        for (int v = 1; v <= 1000; v++) {
            micros.recordValue(v * 1000L); // 1 ms .. 1000 ms, uniformly
        }
        assertThat(BenchResult.ms(micros, 50)).isBetween(499.0, 501.0);
        assertThat(BenchResult.ms(micros, 99)).isBetween(989.0, 991.0);
        assertThat(BenchResult.ms(micros, 99.9)).isBetween(998.5, 1000.5);
        assertThat(BenchResult.latency(micros)).startsWith("p50=500").contains(" p99=990").contains(" p99.9=").contains(" max=100");
    }

    @Test
    void an_empty_histogram_says_so_instead_of_zeros() {
        Histogram empty = new Histogram(3);
        assertThat(BenchResult.latency(empty)).isEqualTo("no answers");
        assertThat(BenchResult.ms(empty, 99)).isZero();
    }

    @Test
    void errors_are_listed_by_status_or_none() {
        Map<String, Long> errors = new TreeMap<>(Map.of("503", 2L, "400", 1L, "io:ConnectException", 4L));
        assertThat(BenchResult.errors(errors)).isEqualTo("400=1 503=2 io:ConnectException=4");
        assertThat(BenchResult.errors(Map.of())).isEqualTo("none");
        assertThat(new BenchResult(10, 7, 1, new Histogram(3), errors, 0, 0).errorCount()).isEqualTo(7);
    }

    @Test
    void rate_is_points_over_seconds() {
        assertThat(new BenchResult(5000, 1, 2.0, new Histogram(3), Map.of(), 0, 0).pointsPerSecond()).isEqualTo(2500.0);
        assertThat(new BenchResult(0, 0, 0, new Histogram(3), Map.of(), 0, 0).pointsPerSecond()).isZero();
    }
}
