package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backend's configured credentials go as HTTP Basic auth, never as {@code u}/{@code p} in a
 * URL or form (a URL ends up in access logs and proxies' logs); a client's own credentials pass
 * through as the client sent them, and then the configured ones are not added.
 */
class ReplicaClientTest {
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("svc:svc-pw".getBytes(StandardCharsets.UTF_8));
    private final FakeInflux backend = new FakeInflux("s");
    private final ReplicaClient client = new ReplicaClient(Map.of("s", new BackendSettings("s", backend.settings().url(), false,
            Duration.ofSeconds(2), Duration.ofSeconds(30), "svc", new Secret("svc-pw"))));

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void a_query_carries_the_configured_credentials_as_basic_auth_not_as_form_parameters() throws Exception {
        client.query("s", Map.of("q", "SHOW DATABASES"), Map.of()).body().close();

        assertThat(backend.requests).singleElement().satisfies(r -> {
            assertThat(r.form()).containsOnlyKeys("q");
            assertThat(r.authorization()).isEqualTo(BASIC);
        });
    }

    @Test
    void a_remote_read_carries_the_configured_credentials_as_basic_auth_not_in_its_url() throws Exception {
        client.post("s", "/api/v1/prom/read", Map.of("db", "prometheus"), new byte[] {1, 2, 3}, Map.of()).body().close();

        assertThat(backend.promReads).singleElement().asString().startsWith("db=prometheus ").doesNotContain("p=");
        assertThat(backend.promReadAuthorizations).containsExactly(BASIC);
    }

    @Test
    void a_clients_own_credentials_pass_through_and_the_configured_ones_are_not_added() throws Exception {
        client.query("s", Map.of("q", "SHOW DATABASES", "u", "bob", "p", "bob-pw"), Map.of()).body().close();
        client.query("s", Map.of("q", "SHOW DATABASES"), Map.of("Authorization", "Token abc")).body().close();

        assertThat(backend.requests).hasSize(2);
        assertThat(backend.requests.get(0).form()).containsEntry("u", "bob").containsEntry("p", "bob-pw");
        assertThat(backend.requests.get(0).authorization()).isNull();
        assertThat(backend.requests.get(1).authorization()).isEqualTo("Token abc");
    }
}
