package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations, sizes and addresses as written in the configuration, read and printed back. */
class ValueFormatsTest {

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource({"500ms, 500000000", "10s, 10000000000", "1m30s, 90000000000", "1.5h, 5400000000000",
        "250us, 250000", "250µs, 250000", "7ns, 7", "0s, 0", "2h45m, 9900000000000"})
    void duration_is_read_like_go(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"100000000, 100ms", "10000000000, 10s", "90000000000, 1m30s", "1500000000, 1.5s",
        "1500000, 1.5ms", "0, 0s", "3600000000000, 1h", "250000, 250us", "7, 7ns"})
    void duration_prints_in_a_form_it_reads_back(long nanos, String text) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "10|a duration needs a unit (e.g. \"10s\", \"500ms\")",
        "1m30|a duration needs a unit (e.g. \"10s\", \"500ms\")",
        "10 s|unknown unit \" s\" (use ns, us, ms, s, m or h)",
        "1d|unknown unit \"d\" (use ns, us, ms, s, m or h)",
        "s|expected a duration (e.g. \"10s\", \"500ms\", \"1m30s\")"})
    void bad_duration_says_why(String text, String reason) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"25MB, 25000000", "4MiB, 4194304", "512KB, 512000", "1KiB, 1024", "100B, 100", "2GB, 2000000000",
        "1GiB, 1073741824", "'10 MB', 10000000", "1TiB, 1099511627776"})
    void size_reads_decimal_and_binary_units(String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0} bytes print as {1}")
    @CsvSource({"25000000, 25MB", "4194304, 4MiB", "1000, 1KB", "1023, 1023B", "0, 0B"})
    void size_prints_in_the_largest_exact_unit(long bytes, String text) {
        assertThat(DataSize.ofBytes(bytes).format()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "4096|a size needs a unit (e.g. \"25MB\", \"4MiB\")",
        "4mib|unknown unit \"mib\" (use B, KB, MB, GB, KiB, MiB or GiB)",
        "1.5MB|expected a size such as \"25MB\" or \"4MiB\"",
        "99999999999GiB|too large"})
    void bad_size_says_why(String text, String reason) {
        assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:8086, 127.0.0.1, 8086", "0.0.0.0:0, 0.0.0.0, 0", "[::1]:9092, ::1, 9092", "influx:80, influx, 80"})
    void host_port_reads_hosts_and_bracketed_ipv6(String text, String host, int port) {
        HostPort parsed = HostPort.parse(text);
        assertThat(parsed).isEqualTo(new HostPort(host, port));
        assertThat(parsed.toString()).isEqualTo(text);
    }
}
