package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteEndpointTest {
    private final TestGateway gw = new TestGateway();

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void publishes_one_record_per_measurement_keyed_db_rp_measurement() {
        HttpResponse<String> r = gw.send(gw.write("?db=telegraf&rp=week",
                "cpu,host=a usage=1 10\nmem,host=a used=2i 11\ncpu,host=b usage=3 12\n"));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(gw.publisher.sent).extracting(IngestRecord::key).containsExactly("telegraf/week/cpu", "telegraf/week/mem");
        IngestRecord cpu = gw.publisher.sent.get(0);
        assertThat(cpu.db()).isEqualTo("telegraf");
        assertThat(cpu.rp()).isEqualTo("week");
        assertThat(cpu.kind()).isEqualTo(RecordHeaders.KIND_DATA);
        assertThat(TestGateway.utf8(cpu.value())).isEqualTo("cpu,host=a usage=1 10\ncpu,host=b usage=3 12\n");
        assertThat(gw.gateway.pointsAccepted()).isEqualTo(3);
    }

    @Test
    void default_retention_policy_is_empty_in_key_and_header() {
        gw.send(gw.write("?db=d", "m v=1 1"));

        assertThat(gw.publisher.sent).singleElement().satisfies(rec -> {
            assertThat(rec.key()).isEqualTo("d//m");
            assertThat(rec.rp()).isEmpty();
        });
    }

    @Test
    void measurement_key_is_unescaped() {
        gw.send(gw.write("?db=d", "my\\ cpu,a=b v=1 1"));

        assertThat(gw.publisher.sent).extracting(IngestRecord::key).containsExactly("d//my cpu");
    }

    @Test
    void converts_explicit_timestamps_to_nanoseconds_per_precision() {
        gw.send(gw.write("?db=d&precision=ms", "m v=1 1700000000123"));

        assertThat(gw.publisher.lines()).containsExactly("m v=1 1700000000123000000");
    }

    @Test
    void stamps_points_without_time_with_receive_time_truncated_to_precision() {
        long before = WriteHandler.nowNanos();
        gw.send(gw.write("?db=d&precision=s", "m v=1"));
        long after = WriteHandler.nowNanos();

        long stamped = Long.parseLong(gw.publisher.lines().get(0).substring("m v=1 ".length()));
        assertThat(stamped % 1_000_000_000L).isZero();
        assertThat(stamped).isBetween(before - 1_000_000_000L, after);
    }

    @Test
    void answers_only_after_every_record_is_acknowledged() throws Exception {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        CountDownLatch sent = new CountDownLatch(2);
        gw.publisher.acks = rec -> {
            sent.countDown();
            return ack;
        };

        CompletableFuture<HttpResponse<String>> response = gw.sendAsync(gw.write("?db=d", "a v=1 1\nb v=1 1"));
        assertThat(sent.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(response).isNotDone();
        ack.complete(null);

        assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    }

    @Test
    void failed_acknowledgement_answers_503_with_retry_after() {
        gw.publisher.acks = rec -> CompletableFuture.failedFuture(new IllegalStateException("broker gone"));

        HttpResponse<String> r = gw.send(gw.write("?db=d", "m v=1 1"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).startsWith("{\"error\":\"Kafka did not acknowledge the write: IllegalStateException: broker gone");
        assertThat(gw.gateway.pointsAccepted()).isZero();
    }

    @Test
    void acknowledgement_timeout_answers_503_not_4xx() {
        try (TestGateway slow = new TestGateway(1 << 20, java.time.Duration.ofMillis(200), 64L << 20)) {
            slow.publisher.acks = rec -> new CompletableFuture<>();

            HttpResponse<String> r = slow.send(slow.write("?db=d", "m v=1 1"));

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.body()).contains("Kafka did not acknowledge the write within 200ms");
        }
    }

    @Test
    void missing_database_is_400() {
        HttpResponse<String> r = gw.send(gw.write("", "m v=1 1"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"database is required\"}\n");
        assertThat(r.headers().firstValue("X-Influxdb-Error")).hasValue("database is required");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void unknown_precision_is_400_as_in_1_8_and_writes_nothing() {
        HttpResponse<String> r = gw.send(gw.write("?db=d&precision=x", "m v=1 1"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid precision \\\"x\\\" (use n, u, ms, s, m or h)\"}\n");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void unknown_consistency_is_400() {
        HttpResponse<String> r = gw.send(gw.write("?db=d&consistency=most", "m v=1 1"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid consistency level\"}\n");
    }

    @Test
    void body_without_valid_line_is_400_with_influx_parse_message_and_publishes_nothing() {
        HttpResponse<String> r = gw.send(gw.write("?db=d", "bad\n"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"unable to parse 'bad': ");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void partial_write_keeps_good_points_and_answers_1_8_partial_write_error() {
        HttpResponse<String> r = gw.send(gw.write("?db=d", "good v=1 1\nbad\ngood v=2 2\n"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"partial write: unable to parse 'bad': ").endsWith(" dropped=0\"}\n");
        assertThat(gw.publisher.lines()).containsExactly("good v=1 1", "good v=2 2");
    }

    @Test
    void empty_body_is_204_and_publishes_nothing() {
        HttpResponse<String> r = gw.send(gw.write("?db=d", ""));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void gzip_body_is_decompressed() {
        byte[] body = TestGateway.gzip("m v=1 1\n".getBytes());

        HttpResponse<String> r = gw.send(java.net.http.HttpRequest.newBuilder(gw.uri("/write?db=d"))
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(gw.publisher.lines()).containsExactly("m v=1 1");
    }

    @Test
    void corrupt_gzip_is_400() {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.uri("/write?db=d"))
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("m v=1 1\nm v=2 2\n")));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"gzip: invalid header\"}\n");
    }

    @Test
    void body_over_max_body_size_is_413() {
        try (TestGateway small = new TestGateway(100, java.time.Duration.ofSeconds(5), 64L << 20)) {
            HttpResponse<String> r = small.send(small.write("?db=d", "m v=1 1\n".repeat(20)));

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"error\":\"Request Entity Too Large\"}\n");
            assertThat(small.publisher.sent).isEmpty();
        }
    }

    @Test
    void gzip_bomb_is_413_once_decompressed_size_passes_the_limit() {
        try (TestGateway small = new TestGateway(64 << 10, java.time.Duration.ofSeconds(5), 64L << 20)) {
            byte[] bomb = TestGateway.gzip(new byte[16 << 20]);
            assertThat(bomb.length).isLessThan(64 << 10);

            HttpResponse<String> r = small.send(HttpRequest.newBuilder(small.uri("/write?db=d"))
                    .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(bomb)));

            assertThat(r.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void exhausted_memory_budget_answers_503_with_retry_after() {
        try (TestGateway tight = new TestGateway(1 << 20, java.time.Duration.ofSeconds(5), 8 << 10)) {
            // a body far past the socket buffers: the answer comes while the client still sends
            HttpResponse<String> r = tight.send(tight.write("?db=d", "m v=1 1\n".repeat(120_000)));

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(r.body()).contains("in flight");
        }
    }
}
