package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influxdb.client.JSON;
import com.influxdb.client.domain.HealthCheck;
import io.influxha.core.health.HealthChecks;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {
    private static final HealthChecks.Check LOST = new HealthChecks.Check("records-lost", HealthChecks.Status.WARN,
            "consumer b topic influxha.shard.main partition 3: 17 records deleted by retention before this group read them");
    private static final HealthChecks.Check OFFSETS = new HealthChecks.Check("offsets-retention", HealthChecks.Status.WARN,
            "consumer a group influxha-writer-a: no members for at least 302400 s, 50% of offsets.retention.minutes 10080");

    @Test
    void without_problems_the_body_is_exactly_what_influxdb_1_8_answers() {
        assertThat(HealthHandler.body(List.of())).isEqualTo("{\"checks\":[],\"message\":\"ready for queries and writes\","
                + "\"name\":\"influxdb\",\"status\":\"pass\",\"version\":\"1.8.10\"}");
    }

    @Test
    void each_retention_problem_is_one_warn_check_and_every_1_8_field_is_kept() throws Exception {
        JsonNode body = new ObjectMapper().readTree(HealthHandler.body(List.of(LOST, OFFSETS)));

        assertThat(body.fieldNames()).toIterable().containsExactly("checks", "message", "name", "status", "version");
        assertThat(body.get("status").asText()).isEqualTo("pass");
        assertThat(body.get("checks")).hasSize(2);
        JsonNode first = body.get("checks").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("message", "name", "status");
        assertThat(first.get("name").asText()).isEqualTo("records-lost");
        assertThat(first.get("status").asText()).isEqualTo("warn");
        assertThat(first.get("message").asText()).isEqualTo(LOST.message());
        assertThat(body.get("checks").get(1).get("name").asText()).isEqualTo("offsets-retention");
    }

    /** influxdb-client-java's health() parses /health into HealthCheck: our checks must not break it. */
    @Test
    void the_official_java_client_still_reads_pass_and_sees_the_checks() {
        HealthCheck check = new JSON().getGson().fromJson(HealthHandler.body(List.of(LOST, OFFSETS)), HealthCheck.class);

        assertThat(check.getStatus()).isEqualTo(HealthCheck.StatusEnum.PASS);
        assertThat(check.getName()).isEqualTo("influxdb");
        assertThat(check.getChecks()).extracting(HealthCheck::getName).containsExactly("records-lost", "offsets-retention");
        assertThat(check.getChecks().get(1).getMessage()).contains("influxha-writer-a", "10080");
    }

    @Test
    void a_failed_check_makes_the_status_fail_and_keeps_the_warnings() throws Exception {
        HealthChecks.Check writer = new HealthChecks.Check("role writer-b", HealthChecks.Status.FAIL, "writer b stopped: boom");
        JsonNode body = new ObjectMapper().readTree(HealthHandler.body(List.of(LOST, writer)));

        assertThat(body.get("status").asText()).isEqualTo("fail");
        assertThat(body.get("checks").get(1).get("status").asText()).isEqualTo("fail");
        assertThat(body.get("checks").get(0).get("status").asText()).isEqualTo("warn");
    }
}
