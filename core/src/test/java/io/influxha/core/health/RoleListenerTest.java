package io.influxha.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.StartupException;
import io.influxha.core.config.HostPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router's and writer's listener on a loopback port, with the role checks it reports. */
class RoleListenerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final RoleListener listener = RoleListener.start("router", new HostPort("127.0.0.1", 0), "router.listen");
    private final RoleHealth role = RoleHealth.starting("router", "router-under-test");

    @AfterEach
    void stop() {
        role.stopped();
        listener.close();
    }

    @Test
    void port_0_binds_a_free_port_and_reports_it() {
        assertThat(listener.address().host()).isEqualTo("127.0.0.1");
        assertThat(listener.address().port()).isPositive();
    }

    @Test
    void a_running_role_is_a_passing_check_and_its_gauge_is_1() throws Exception {
        role.running();

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).startsWith("{\"checks\":[").contains(
                "{\"message\":\"running\",\"name\":\"role router\",\"status\":\"pass\"}",
                "\"name\":\"influxdb\",\"status\":\"pass\",\"version\":\"1.8.10\"}");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("influxha_role_up{name=\"router-under-test\",role=\"router\"} 1.0");
    }

    @Test
    void a_failed_role_makes_health_fail_with_503_and_its_reason_and_the_gauge_0() throws Exception {
        role.running();
        role.failed("stream thread failed: java.lang.IllegalStateException: boom");

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("{\"message\":\"stream thread failed: java.lang.IllegalStateException: boom\","
                + "\"name\":\"role router\",\"status\":\"fail\"}", "\"status\":\"fail\",\"version\"");
        assertThat(get("/metrics").body()).contains("influxha_role_up{name=\"router-under-test\",role=\"router\"} 0.0");
    }

    @Test
    void a_starting_role_warns_and_a_stopped_one_drops_its_check() {
        assertThat(HealthChecks.all()).contains(new HealthChecks.Check("role router", HealthChecks.Status.WARN, "starting"));
        role.stopped();
        assertThat(HealthChecks.all()).extracting(HealthChecks.Check::name).doesNotContain("role router");
    }

    @Test
    void a_writer_check_is_named_after_its_backend() {
        RoleHealth writer = RoleHealth.starting("writer", "b");
        try {
            assertThat(writer.check()).isEqualTo("role writer-b");
        } finally {
            writer.stopped();
        }
    }

    @Test
    void other_paths_are_404_and_other_methods_405() throws Exception {
        assertThat(get("/write").statusCode()).isEqualTo(404);
        assertThat(get("/health/x").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void an_address_in_use_is_a_startup_error_naming_the_key_and_address() {
        HostPort taken = listener.address();
        assertThatThrownBy(() -> RoleListener.start("writer", taken, "writer.listen"))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("writer.listen " + taken + ": address already in use");
    }

    @Test
    void after_close_nothing_answers() {
        listener.close();
        assertThatThrownBy(() -> get("/health")).isInstanceOf(IOException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + listener.address() + path);
    }
}
