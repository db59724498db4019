package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code deploy/grafana}: the dashboard Grafana provisions is well formed and uses the datasource provisioned with it. */
class DashboardTest {
    private static final Path ROOT = Path.of("..");
    private static final Path GRAFANA = ROOT.resolve("deploy/grafana");

    @Test
    void the_provisioned_datasource_is_the_stacks_prometheus_with_a_fixed_uid() throws IOException {
        JsonNode ds = datasource();
        assertThat(ds.path("name").asText()).isEqualTo("Prometheus");
        assertThat(ds.path("type").asText()).isEqualTo("prometheus");
        assertThat(ds.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(ds.path("uid").asText()).isNotBlank();
    }

    @Test
    void the_dashboard_provider_reads_files_from_where_compose_mounts_the_dashboards() throws IOException {
        JsonNode provider = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/dashboards/influx-ha.yml").toFile())
                .path("providers").path(0);
        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void every_panel_has_a_place_a_title_and_targets_querying_the_provisioned_datasource() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve(DeployedMetrics.DASHBOARD).toFile());
        assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion").isPositive();
        assertThat(dashboard.path("uid").asText()).as("uid").isNotBlank();
        assertThat(dashboard.path("panels")).as("panels").isNotEmpty();
        String uid = datasource().path("uid").asText();
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String where = "panel \"" + panel.path("title").asText() + "\"";
            if (panel.path("title").asText().isBlank() || !ids.add(panel.path("id").asInt(-1))) {
                problems.add(panel + ": no title, or an id missing or used twice");
            }
            JsonNode grid = panel.path("gridPos");
            for (String key : List.of("x", "y", "w", "h")) {
                if (!grid.path(key).isInt()) {
                    problems.add(where + ": gridPos." + key + " is not a number");
                }
            }
            if (grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add(where + ": wider than Grafana's 24 columns");
            }
            if (!uid.equals(panel.path("datasource").path("uid").asText())) {
                problems.add(where + ": datasource uid " + panel.path("datasource").path("uid") + ", not " + uid);
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(where + ": no target");
            }
            for (JsonNode target : panel.path("targets")) {
                if (!uid.equals(target.path("datasource").path("uid").asText()) || target.path("expr").asText().isBlank()
                        || target.path("refId").asText().isBlank()) {
                    problems.add(where + ": target " + target + " lacks an expr, a refId or datasource uid " + uid);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_dashboard_shows_lag_write_rate_dead_letters_errors_stuck_lso_and_roles() throws IOException {
        Set<String> names = new HashSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(ROOT.resolve(DeployedMetrics.DASHBOARD).toFile()).path("panels")) {
            panel.path("targets").forEach(t -> names.addAll(DeployedMetrics.in(t.path("expr").asText())));
        }
        assertThat(names).contains("influxha_consumer_lag_seconds", "influxha_consumer_lag_records",
                "influxha_writer_points_written_total", "influxha_gateway_requests_seconds_count",
                "influxha_writer_points_dead_lettered_total", "influxha_router_rejected_lines_total",
                "influxha_writer_write_retries_total", "influxha_kafka_lso_stuck_seconds", "influxha_role_up", "up");
    }

    /**
     * Every gateway publishes the {@code influxha_consumer_*} and {@code influxha_kafka_lso_*} gauges
     * (LagGauges), so with two gateways each consumer/topic/partition has two equal series: a sum over
     * them doubles. Each use of such a gauge must be taken with {@code max} first.
     */
    @Test
    void gauges_every_gateway_publishes_are_taken_with_max_before_anything_else() throws IOException {
        Pattern perGateway = Pattern.compile("\\b(influxha_consumer_\\w+|influxha_kafka_lso_\\w+)");
        Pattern maxFirst = Pattern.compile("max\\s*(?:(?:by|without)\\s*\\([^)]*\\)\\s*)?\\(\\s*$");
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : new ObjectMapper().readTree(ROOT.resolve(DeployedMetrics.DASHBOARD).toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                Matcher m = perGateway.matcher(expr);
                while (m.find()) {
                    if (!maxFirst.matcher(expr.substring(0, m.start())).find()) {
                        problems.add("panel \"" + panel.path("title").asText() + "\": " + m.group(1) + " is not inside max(...) first in: " + expr);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static JsonNode datasource() throws IOException {
        return new YAMLMapper().readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yml").toFile()).path("datasources").path(0);
    }
}
