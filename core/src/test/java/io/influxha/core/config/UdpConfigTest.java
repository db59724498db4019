package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.lp.Precision;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code gateway.udp}: off unless listed; each listener with its own database and precision. */
class UdpConfigTest {
    private static InfluxHaConfig parse(String gateway) {
        return ConfigLoader.parse(gateway + ConfigValidationTest.MINIMAL, v -> null, Path.of("/base"));
    }

    @Test
    void no_udp_listener_unless_configured() {
        assertThat(parse("").gateway().udp()).isEmpty();
    }

    @Test
    void listeners_read_with_their_defaults() {
        InfluxHaConfig config = parse("""
                gateway:
                  udp:
                    - listen: 127.0.0.1:8089
                      database: udp
                    - listen: 127.0.0.1:8090
                      database: other
                      retention_policy: week
                      precision: s
                      batch_size: 100
                      batch_timeout: 50ms
                """);

        assertThat(config.gateway().udp()).containsExactly(
                new UdpListenerSettings(new HostPort("127.0.0.1", 8089), "udp", "", Precision.NANOSECONDS,
                        UdpListenerSettings.DEFAULT_BATCH_SIZE, UdpListenerSettings.DEFAULT_BATCH_TIMEOUT),
                new UdpListenerSettings(new HostPort("127.0.0.1", 8090), "other", "week", Precision.SECONDS,
                        100, Duration.ofMillis(50)));
    }

    @Test
    void every_problem_of_a_listener_is_reported_with_its_path() {
        assertThatThrownBy(() -> parse("""
                gateway:
                  udp:
                    - listen: 127.0.0.1:8089
                      precision: x
                      batch_size: 0
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "gateway.udp[0].precision: invalid value \"x\": use n, u, ms, s, m or h (as /write's precision)",
                "gateway.udp[0].batch_size: invalid value 0: must be at least 1",
                "gateway.udp[0].database: missing required key"));
    }
}
