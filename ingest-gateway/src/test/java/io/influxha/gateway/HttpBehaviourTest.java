package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpBehaviourTest {
    private final TestGateway gw = new TestGateway();

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void ping_is_204_with_influxdb_headers_and_a_request_id() {
        HttpResponse<String> r = gw.get("/ping");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("X-Influxdb-Version")).hasValue("1.8.10");
        assertThat(r.headers().firstValue("X-Influxdb-Build")).hasValue("OSS");
        assertThat(r.headers().firstValue("Request-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(r.headers().firstValue("X-Request-Id")).isEqualTo(r.headers().firstValue("Request-Id"));
    }

    @Test
    void head_ping_is_204() {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.uri("/ping")).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(r.statusCode()).isEqualTo(204);
    }

    @Test
    void verbose_ping_answers_the_version() {
        HttpResponse<String> r = gw.get("/ping?verbose=true");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"version\":\"1.8.10\"}");
    }

    @Test
    void a_client_request_id_is_echoed() {
        HttpResponse<String> r = gw.send(HttpRequest.newBuilder(gw.uri("/ping")).header("X-Request-Id", "abc-1").GET());

        assertThat(r.headers().firstValue("Request-Id")).hasValue("abc-1");
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("abc-1");
    }

    @Test
    void unknown_path_is_go_404_text() {
        HttpResponse<String> r = gw.get("/nope");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
        assertThat(r.headers().firstValue("X-Influxdb-Version")).hasValue("1.8.10");
    }

    @Test
    void get_write_is_405_with_allow() {
        HttpResponse<String> r = gw.get("/write?db=x");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).isEqualTo("Method Not Allowed\n");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    }

    @Test
    void multi_line_error_keeps_newlines_in_body_but_not_in_header() {
        HttpResponse<String> r = gw.send(gw.write("?db=d", "bad1\nbad2\n"));

        assertThat(r.body()).contains("\\nunable to parse 'bad2'");
        assertThat(r.headers().firstValue("X-Influxdb-Error")).hasValueSatisfying(h ->
                assertThat(h).doesNotContain("\n").contains(" unable to parse 'bad2'"));
    }

    @Test
    void close_lets_an_in_flight_write_finish_then_closes_the_publisher() throws Exception {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        CountDownLatch sent = new CountDownLatch(1);
        gw.publisher.acks = rec -> {
            sent.countDown();
            return ack;
        };
        CompletableFuture<HttpResponse<String>> response = gw.sendAsync(gw.write("?db=d", "m v=1 1"));
        assertThat(sent.await(60, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(gw::close, r -> new Thread(r).start());
        ack.complete(null);

        assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        closed.get(60, TimeUnit.SECONDS);
        assertThat(gw.publisher.closed).isTrue();
    }

    @Test
    void a_taken_port_is_an_error_naming_gateway_listen() {
        GatewaySettings same = new GatewaySettings(new HostPort("127.0.0.1", gw.gateway.port()), new DataSize(1000), Duration.ofSeconds(1));

        assertThatThrownBy(() -> Gateway.start(same, new FakePublisher(), new MemoryBudget(1 << 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gateway.listen 127.0.0.1:" + gw.gateway.port() + ": address already in use: change gateway.listen");
    }
}
