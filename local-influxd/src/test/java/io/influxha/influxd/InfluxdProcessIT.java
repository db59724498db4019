package io.influxha.influxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxdProcessIT {
    @TempDir
    Path dir;

    @Test
    void points_survive_a_restart_on_the_same_port_and_dump_canonically() {
        try (InfluxdProcess influxd = InfluxdProcess.start(dir)) {
            URI url = influxd.url();
            influxd.createDatabase("db1");
            influxd.write("db1", """
                    cpu,host=b,region=eu usage=2.5,busy=true 2000
                    cpu,host=a usage=1,note="x \\"y\\"" 1000
                    mem used=7i 1000
                    """);
            influxd.stop();
            assertThat(influxd.isRunning()).isFalse();

            influxd.start();

            assertThat(influxd.url()).isEqualTo(url);
            assertThat(influxd.count("db1", "cpu")).isEqualTo(2);
            assertThat(influxd.count("db1", "absent")).isZero();
            assertThat(influxd.dump("db1")).containsExactly(
                    "cpu,host=a note=\"x \\\"y\\\"\",usage=1 1000",
                    "cpu,host=b,region=eu busy=true,usage=2.5 2000",
                    "mem used=7 1000");
            assertThat(influxd.dump("db1", "autogen")).hasSize(3);
        }
    }

    @Test
    void a_paused_server_answers_nothing_until_resumed_and_a_kill_keeps_acknowledged_writes() throws Exception {
        try (InfluxdProcess influxd = InfluxdProcess.start(dir)) {
            influxd.createDatabase("db1");
            influxd.write("db1", "m v=1 1\n");
            HttpRequest ping = HttpRequest.newBuilder(influxd.url().resolve("/ping")).timeout(Duration.ofMillis(500)).build();
            HttpClient client = HttpClient.newHttpClient();

            influxd.pause();
            assertThatThrownBy(() -> client.send(ping, HttpResponse.BodyHandlers.discarding())).isInstanceOf(HttpTimeoutException.class);
            influxd.resume();
            assertThat(client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);

            influxd.kill();
            influxd.start();
            assertThat(influxd.dump("db1")).containsExactly("m v=1 1");
        }
    }

    @Test
    void a_failed_statement_is_reported_with_influxd_error() {
        try (InfluxdProcess influxd = InfluxdProcess.start(dir)) {
            assertThatThrownBy(() -> influxd.dump("missing"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("database not found");
        }
    }
}
