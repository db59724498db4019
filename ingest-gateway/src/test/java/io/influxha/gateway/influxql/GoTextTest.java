package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Go's text conversions as influxql prints and reads them (values checked against Go 1.19). */
class GoTextTest {

    @ParameterizedTest(name = "{0} ns prints {1}")
    @CsvSource({"0, 0s", "3600000000000, 1h0m0s", "1500000000, 1.5s", "1500, 1.5µs", "1500000, 1.5ms", "999, 999ns",
        "90061000000000, 25h1m1s", "-1500000000, -1.5s", "-9223372036854775808, -2562047h47m16.854775808s"})
    void durations_print_as_go_prints_a_time_duration(long nanos, String text) {
        assertThat(GoText.goDuration(nanos)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} reads as {1} ns and prints {2}")
    @CsvSource({"1h30m, 5400000000000, 90m", "2w, 1209600000000000, 2w", "1µ, 1000, 1u", "1u, 1000, 1u", "7ns, 7, 7ns",
        "-1d, -86400000000000, -1d", "1ms, 1000000, 1ms", "60s, 60000000000, 1m"})
    void influxql_durations_read_and_print_in_the_largest_whole_unit(String text, long nanos, String printed) {
        assertThat(GoText.parseDuration(text)).isEqualTo(nanos);
        assertThat(GoText.formatDuration(nanos)).isEqualTo(printed);
    }

    @Test
    void an_overflowing_duration_names_its_last_part_and_a_unit_after_micro_is_invalid() {
        assertThatThrownBy(() -> GoText.parseDuration("1µs")).hasMessage("invalid duration");
        assertThatThrownBy(() -> GoText.parseDuration("9999999999h")).hasMessage("overflowed duration 9999999999h: choose a smaller duration or INF");
        assertThatThrownBy(() -> GoText.parseDuration("5")).hasMessage("invalid duration");
        assertThatThrownBy(() -> GoText.parseDuration("1x")).hasMessage("invalid duration");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1.5, 1.500", "0.0005, 0.001", "0.0015, 0.002", "-0.0, -0.000", "-0.0001, -0.000", "2.5e-7, 0.000", "123456789.125, 123456789.125"})
    void number_literals_print_with_three_decimals_rounded_as_go_rounds(double v, String text) {
        assertThat(GoText.formatFloat3(v)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1234567.0, 1.234567e+06", "100000.0, 100000", "0.00001, 1e-05", "0.0001, 0.0001", "1000000.5, 1.0000005e+06", "-2.5, -2.5"})
    void fill_values_print_as_go_prints_a_float_with_v(double v, String text) {
        assertThat(GoText.formatFloatV(v)).isEqualTo(text);
    }

    @Test
    void identifiers_are_quoted_when_influxql_needs_them_to_be() {
        assertThat(GoText.quoteIdent("cpu")).isEqualTo("cpu");
        assertThat(GoText.quoteIdent("select")).isEqualTo("\"select\"");
        assertThat(GoText.quoteIdent("my cpu")).isEqualTo("\"my cpu\"");
        assertThat(GoText.quoteIdent("db", "", "m")).isEqualTo("\"db\"..m");
        assertThat(GoText.quoteIdent("a\"b\nc")).isEqualTo("\"a\\\"b\\nc\"");
        assertThat(GoText.quoteString("it's\\")).isEqualTo("'it\\'s\\\\'");
    }
}
