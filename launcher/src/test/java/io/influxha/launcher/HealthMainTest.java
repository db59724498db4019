package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code influx-ha health ADDRESS} against a tiny HTTP server in this JVM that answers what each case needs. */
class HealthMainTest {
    private static final String PASS = "{\"checks\":[{\"message\":\"running\",\"name\":\"role router\",\"status\":\"pass\"}],"
            + "\"message\":\"ready for queries and writes\",\"name\":\"influxdb\",\"status\":\"pass\",\"version\":\"1.8.10\"}";
    private static final String FAIL = "{\"checks\":[{\"message\":\"writer loop failed: boom\",\"name\":\"role writer-a\",\"status\":\"fail\"},"
            + "{\"message\":\"running\",\"name\":\"role router\",\"status\":\"pass\"}],"
            + "\"message\":\"ready for queries and writes\",\"name\":\"influxdb\",\"status\":\"fail\",\"version\":\"1.8.10\"}";

    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> body = new AtomicReference<>(PASS);
    private final AtomicReference<String> path = new AtomicReference<>();
    private final HttpServer server = server();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_passing_role_exits_0_given_host_and_port() {
        MainTest.Run r = MainTest.run("health", address());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(path.get()).isEqualTo("/health");
        assertThat(r.out()).isEqualTo("influx-ha health: http://" + address() + "/health: pass\n");
    }

    @Test
    void a_url_without_a_path_gets_health_and_one_with_a_path_keeps_it() {
        assertThat(MainTest.run("health", "http://" + address()).exitCode()).isZero();
        assertThat(path.get()).isEqualTo("/health");
        assertThat(MainTest.run("health", "http://" + address() + "/influx/health").exitCode()).isZero();
        assertThat(path.get()).isEqualTo("/influx/health");
    }

    @Test
    void warnings_keep_it_passing() {
        body.set(PASS.replace("\"status\":\"pass\"}]", "\"status\":\"warn\"}]"));
        assertThat(MainTest.run("health", address()).exitCode()).isZero();
    }

    @Test
    void a_failing_check_exits_1_naming_each_failing_check_on_stderr() {
        status.set(503);
        body.set(FAIL);

        MainTest.Run r = MainTest.run("health", address());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly(
                "influx-ha health: http://" + address() + "/health: check \"role writer-a\" fails: writer loop failed: boom",
                "influx-ha health: http://" + address() + "/health: answered 503 with status fail");
    }

    @Test
    void an_answer_that_is_not_health_json_exits_1_quoting_it() {
        status.set(502);
        body.set("<html>Bad Gateway</html>");

        MainTest.Run r = MainTest.run("health", address());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(": answered 502 without a health JSON body: <html>Bad Gateway</html>");
    }

    @Test
    void a_closed_port_exits_1_with_the_connection_error() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        MainTest.Run r = MainTest.run("health", "127.0.0.1:" + closed);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("influx-ha health: http://127.0.0.1:" + closed + "/health: cannot connect: ");
    }

    @Test
    void a_listener_that_never_answers_exits_1_after_the_timeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MainTest.Run r = MainTest.run("health", "--timeout", "300ms", "127.0.0.1:" + silent.getLocalPort());

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("influx-ha health: http://127.0.0.1:" + silent.getLocalPort() + "/health: no answer within 300ms\n");
        }
    }

    @Test
    void a_bad_address_or_timeout_is_a_usage_error() {
        MainTest.Run address = MainTest.run("health", "localhost");
        assertThat(address.exitCode()).isEqualTo(2);
        assertThat(address.err()).contains("invalid address \"localhost\": expected host:port");
        MainTest.Run timeout = MainTest.run("health", "--timeout", "5", "127.0.0.1:1");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("invalid value \"5\": a duration needs a unit");
    }

    private String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private HttpServer server() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            s.createContext("/", exchange -> {
                path.set(exchange.getRequestURI().getPath());
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
