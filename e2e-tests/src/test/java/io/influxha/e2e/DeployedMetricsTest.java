package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeployedMetricsTest {
    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("a bare name with a comparison", "influxha_consumer_lag_seconds > 60",
                        Set.of("influxha_consumer_lag_seconds")),
                Arguments.of("label matchers are not names, even when their values look like one",
                        "influxha_writer_write_retries_total{decision=\"MISCONFIGURED\", backend=~\"a|up_b\"}",
                        Set.of("influxha_writer_write_retries_total")),
                Arguments.of("functions, aggregations, ranges and by-lists are skipped",
                        "histogram_quantile(0.99, sum by (backend, le) (rate(influxha_writer_write_seconds_bucket[5m])))",
                        Set.of("influxha_writer_write_seconds_bucket")),
                Arguments.of("an aggregation whose by-list comes first", "max by (consumer) (lag) + min without (a) (b)",
                        Set.of("lag", "b")),
                Arguments.of("by after the aggregation, without, offset and a duration",
                        "sum(increase(x_total[10m] offset 1h)) without (instance) / max(y) by (job)", Set.of("x_total", "y")),
                Arguments.of("binary operators, on, group_left and bool are keywords",
                        "a_total and on (job) group_left (name) b > bool 1 or c unless d", Set.of("a_total", "b", "c", "d")),
                Arguments.of("a function with a space before its parenthesis is still a function",
                        "rate (m_total [1m])", Set.of("m_total")),
                Arguments.of("numbers in exponent form, Inf and NaN are not names", "m > 1e3 and m < Inf or m != NaN", Set.of("m")),
                Arguments.of("a colon in a recording rule's name", "job:influxha_points:rate5m", Set.of("job:influxha_points:rate5m")),
                Arguments.of("a brace inside a label value does not end the matcher", "m{a=\"}{\"} + n", Set.of("m", "n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void picks_the_metric_names_of_an_expression(String name, String expr, Set<String> expected) {
        assertThat(DeployedMetrics.in(expr)).as(expr).isEqualTo(expected);
    }

    @Test
    void an_unclosed_matcher_is_an_error_naming_the_column() {
        assertThatThrownBy(() -> DeployedMetrics.in("rate(m{job=\"x\"[5m])"))
                .hasMessageContaining("no '}' for the '{' at column 7");
    }

    @Test
    void the_rules_and_the_dashboard_query_these_names_and_prometheus_up_is_left_out() throws Exception {
        assertThat(DeployedMetrics.names(Path.of(".."))).containsExactlyInAnyOrder(
                "influxha_consumer_group_offsets_retention_used_ratio",
                "influxha_consumer_lag_records",
                "influxha_consumer_lag_seconds",
                "influxha_consumer_lost_records",
                "influxha_consumer_retention_used_ratio",
                "influxha_gateway_requests_seconds_count",
                "influxha_kafka_lso_stuck_partitions",
                "influxha_kafka_lso_stuck_seconds",
                "influxha_lag_refresh_failures_total",
                "influxha_role_up",
                "influxha_router_points_total",
                "influxha_router_rejected_lines_total",
                "influxha_writer_points_dead_lettered_total",
                "influxha_writer_points_written_total",
                "influxha_writer_write_retries_total",
                "influxha_writer_write_seconds_bucket");
    }

    @Test
    void every_alert_rule_and_every_dashboard_target_has_an_expression() throws Exception {
        assertThat(DeployedMetrics.expressions(Path.of(".."))).hasSize(16 + 18).allSatisfy(e -> assertThat(e).isNotBlank());
    }
}
