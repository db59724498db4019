package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.Secret;
import io.influxha.influxd.InfluxdProcess;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real influxd 1.6.7 with authentication on accepts the backend's configured credentials as the
 * gateway sends them (HTTP Basic, nothing in the URL or form) on /query and on remote read, and
 * refuses a request without them: the credentials really are what let the request in.
 */
class ReplicaClientIT {
    @TempDir
    static Path dir;
    private static InfluxdProcess influxd;

    @BeforeAll
    static void start() throws Exception {
        influxd = InfluxdProcess.start(dir.resolve("influxd"));
        assertThat(influxd.query("", "CREATE USER svc WITH PASSWORD 'svc-pw' WITH ALL PRIVILEGES")).doesNotContain("error");
        assertThat(influxd.query("", "CREATE DATABASE prometheus")).doesNotContain("error");
        influxd.stop();
        Path config = dir.resolve("influxd").resolve("influxd.conf");
        String toml = Files.readString(config);
        assertThat(toml).contains("auth-enabled = false");
        Files.writeString(config, toml.replace("auth-enabled = false", "auth-enabled = true"));
        influxd.start();
    }

    @AfterAll
    static void stop() {
        if (influxd != null) {
            influxd.close();
        }
    }

    private static ReplicaClient client(String username, String password) {
        return new ReplicaClient(Map.of("a", new BackendSettings("a", influxd.url(), false, Duration.ofSeconds(2),
                Duration.ofSeconds(30), username, new Secret(password))));
    }

    private static String body(HttpResponse<InputStream> r) throws Exception {
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_query_with_the_configured_credentials_is_let_in_and_one_without_is_refused() throws Exception {
        HttpResponse<InputStream> with = client("svc", "svc-pw").query("a", Map.of("q", "SHOW DATABASES"), Map.of());
        String answer = body(with);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(answer).contains("prometheus").doesNotContain("error");

        HttpResponse<InputStream> without = client("", "").query("a", Map.of("q", "SHOW DATABASES"), Map.of());
        assertThat(body(without)).contains("unable to parse authentication credentials");
        assertThat(without.statusCode()).isEqualTo(401);
    }

    @Test
    void a_remote_read_with_the_configured_credentials_is_let_in_and_one_without_is_refused() throws Exception {
        HttpResponse<InputStream> with = client("svc", "svc-pw").post("a", "/api/v1/prom/read", Map.of("db", "prometheus"),
                new byte[0], Map.of("Content-Encoding", "snappy", "Content-Type", "application/x-protobuf"));
        body(with);
        assertThat(with.statusCode()).as("past authentication (an empty read is then InfluxDB's own business)").isNotEqualTo(401);

        HttpResponse<InputStream> without = client("", "").post("a", "/api/v1/prom/read", Map.of("db", "prometheus"),
                new byte[0], Map.of("Content-Encoding", "snappy", "Content-Type", "application/x-protobuf"));
        body(without);
        assertThat(without.statusCode()).isEqualTo(401);
    }
}
