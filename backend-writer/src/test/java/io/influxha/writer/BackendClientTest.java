package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendClientTest {
    private FakeInflux influx;

    @BeforeEach
    void start() throws Exception {
        influx = new FakeInflux();
    }

    @AfterEach
    void stop() {
        influx.close();
    }

    @Test
    void writes_with_db_rp_and_ns_precision_and_omits_rp_when_default() throws Exception {
        BackendClient client = new BackendClient(settings(influx.url(), false, "", Duration.ofSeconds(5)));

        assertThat(client.write("my db", "week", bytes("cpu v=1 1\n")).get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
        assertThat(client.write("db", "", bytes("cpu v=2 2\n")).get(10, TimeUnit.SECONDS).status()).isEqualTo(204);

        FakeInflux.Request first = influx.writes().get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.params()).containsEntry("db", "my db").containsEntry("rp", "week").containsEntry("precision", "ns");
        assertThat(first.body()).isEqualTo("cpu v=1 1\n");
        assertThat(influx.writes().get(1).params()).doesNotContainKey("rp").containsEntry("precision", "ns");
        assertThat(first.header("Authorization")).isNull();
        assertThat(first.header("Content-Encoding")).isNull();
    }

    @Test
    void gzips_the_body_and_sends_basic_auth_when_configured() throws Exception {
        BackendClient client = new BackendClient(settings(influx.url(), true, "writer", Duration.ofSeconds(5)));

        client.write("db", "", bytes("cpu v=1 1\n")).get(10, TimeUnit.SECONDS);

        FakeInflux.Request r = influx.writes().get(0);
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(r.body()).isEqualTo("cpu v=1 1\n");
        assertThat(r.header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("writer:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void posts_statements_to_query_as_a_form() throws Exception {
        BackendClient client = new BackendClient(settings(URI.create(influx.url() + "/"), false, "", Duration.ofSeconds(5)));

        Reply reply = client.query("db", "CREATE DATABASE \"db\"").get(10, TimeUnit.SECONDS);

        assertThat(reply.status()).isEqualTo(200);
        FakeInflux.Request r = influx.queries().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.params()).containsEntry("q", "CREATE DATABASE \"db\"").containsEntry("db", "db");
    }

    @Test
    void passes_the_status_body_and_retry_after_through() throws Exception {
        influx.respond(r -> new FakeInflux.Response(503, "{\"error\":\"busy\"}", java.util.Map.of("Retry-After", "3")));
        Reply reply = new BackendClient(settings(influx.url(), false, "", Duration.ofSeconds(5)))
                .write("db", "", bytes("cpu v=1 1\n")).get(10, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body()).contains("busy");
        assertThat(reply.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void a_refused_connection_becomes_an_error_reply_not_an_exception() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Reply reply = new BackendClient(settings(URI.create("http://127.0.0.1:" + port), false, "", Duration.ofSeconds(5)))
                .write("db", "", bytes("cpu v=1 1\n")).get(10, TimeUnit.SECONDS);
        assertThat(reply.error()).isNotNull();
        assertThat(reply.classify().decision()).isEqualTo(BackendResponse.Decision.RETRY);
    }

    @Test
    void a_backend_that_never_answers_times_out_after_the_request_timeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        influx.respond(r -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeInflux.NO_CONTENT;
        });
        long start = System.nanoTime();
        Reply reply = new BackendClient(settings(influx.url(), false, "", Duration.ofMillis(300)))
                .write("db", "", bytes("cpu v=1 1\n")).get(10, TimeUnit.SECONDS);
        release.countDown();
        assertThat(reply.error()).isNotNull();
        assertThat(reply.classify().reason()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static BackendSettings settings(URI url, boolean gzip, String user, Duration requestTimeout) {
        return new BackendSettings("a", url, gzip, Duration.ofSeconds(2), requestTimeout, user, user.isEmpty() ? Secret.NONE : new Secret("s3cret"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
