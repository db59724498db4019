package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lines InfluxDB 1.8 rejects: its reason string, and where (1-based line and byte column). */
class InvalidLinesTest {
    private static final String OUT_OF_RANGE = "time outside range -9223372036854775806 - 9223372036854775806";

    static Stream<Arguments> invalidLines() {
        return Stream.of(
                bad("line starting with a comma", ",host=a x=1", "missing measurement", 1),
                bad("measurement alone", "cpu", "missing fields", 4),
                bad("measurement and a space", "cpu ", "missing fields", 5),
                bad("tags but no fields", "cpu,host=a", "missing fields", 11),
                bad("comma then space after measurement", "cpu, x=1", "missing tag key", 5),
                bad("empty tag key", "cpu,=a x=1", "missing tag key", 5),
                bad("trailing comma in tag set", "cpu,host=a, x=1", "missing tag key", 12),
                bad("tag key without equals", "cpu,host x=1", "missing tag value", 9),
                bad("empty tag value", "cpu,host= x=1", "missing tag value", 10),
                bad("unescaped equals in tag value", "cpu,host=a=b x=1", "invalid tag format", 11),
                bad("same tag key twice", "cpu,a=1,b=2,a=3 x=1", "duplicate tags", 13),
                bad("field without equals", "cpu x", "invalid field format", 6),
                bad("second field without equals", "cpu x=1,y", "invalid field format", 10),
                bad("trailing comma in field set", "cpu x=1,", "invalid field format", 9),
                bad("field set then garbage after space", "cpu x=1 y=2", "bad timestamp", 9),
                bad("equals right after the space", "cpu =1", "missing field key", 5),
                bad("empty second field key", "cpu x=1,=2", "missing field key", 9),
                bad("field value missing at end", "cpu x=", "missing field value", 7),
                bad("field value missing before comma", "cpu x=,y=1", "missing field value", 7),
                bad("string never closed", "cpu x=\"abc", "unbalanced quotes", 11),
                bad("text after closing quote", "cpu x=\"a\"b", "invalid field format", 10),
                bad("misspelled boolean", "cpu x=tru", "invalid boolean", 7),
                bad("boolean with wrong case", "cpu x=tRUE", "invalid boolean", 7),
                bad("bare word value", "cpu x=yes", "invalid boolean", 7),
                bad("Inf is read as a boolean", "cpu x=Inf", "invalid boolean", 7),
                bad("NaN", "cpu x=NaN", "invalid number", 7),
                bad("negative Inf", "cpu x=-Inf", "invalid number", 8),
                bad("lone minus", "cpu x=-", "invalid number", 8),
                bad("two decimal points", "cpu x=1.2.3", "invalid number", 10),
                bad("integer with decimal point", "cpu x=1.5i", "invalid number", 7),
                bad("integer suffix in the middle", "cpu x=1i5", "invalid number", 7),
                bad("unsigned is disabled as in 1.8", "cpu x=1u", "invalid number", 7),
                bad("integer above int64", "cpu x=9223372036854775808i",
                        "unable to parse integer 9223372036854775808: strconv.ParseInt: parsing \"9223372036854775808\": value out of range", 7),
                bad("integer below int64", "cpu x=-9223372036854775809i",
                        "unable to parse integer -9223372036854775809: strconv.ParseInt: parsing \"-9223372036854775809\": value out of range", 7),
                bad("float above float64", "cpu x=1e309", "invalid float", 7),
                bad("float just above float64", "cpu x=1.8e308", "invalid float", 7),
                bad("float with 400 digits", "cpu x=1" + "0".repeat(400), "invalid float", 7),
                bad("exponent without digits", "cpu x=1e", "invalid float", 7),
                bad("fractional exponent", "cpu x=1e5.5", "invalid float", 7),
                bad("exponent without mantissa", "cpu x=.e5", "invalid float", 7),
                bad("letters in timestamp", "cpu x=1 12a", "bad timestamp", 11),
                bad("decimal timestamp", "cpu x=1 1.5", "bad timestamp", 10),
                bad("timestamp above int64", "cpu x=1 9223372036854775808",
                        "strconv.ParseInt: parsing \"9223372036854775808\": value out of range", 9),
                bad("lone minus timestamp", "cpu x=1 -", "strconv.ParseInt: parsing \"-\": invalid syntax", 9),
                bad("timestamp at int64 max is beyond InfluxDB's range", "cpu x=1 9223372036854775807", OUT_OF_RANGE, 9),
                bad("timestamp at int64 min is beyond InfluxDB's range", "cpu x=1 -9223372036854775808", OUT_OF_RANGE, 9),
                bad("token after timestamp", "cpu x=1 123 456", "point is invalid", 13),
                bad("measurement longer than 65535 bytes", "m".repeat(65536) + " x=1", "max key length exceeded: 65536 > 65535", 1),
                bad("series key plus field key longer than 65535 bytes", "m".repeat(65530) + " xy=1",
                        "max key length exceeded: 65536 > 65535", 65532));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLines")
    void rejects_invalid_line_with_influx_reason_and_position(String name, String line, String reason, int column) {
        Collected c = Collected.parse(line);

        assertThat(c.points).isEmpty();
        assertThat(c.report.errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).isEqualTo("unable to parse '" + line + "': " + reason);
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo(column);
        });
    }

    @Test
    void seconds_timestamp_beyond_year_2262_is_out_of_range() {
        Collected c = Collected.parse("cpu x=1 9300000000", Precision.SECONDS, 0L);

        assertThat(c.report.errors()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(OUT_OF_RANGE));
    }

    @Test
    void hour_timestamp_that_overflows_int64_is_out_of_range() {
        Collected c = Collected.parse("cpu x=1 9223372036854775", Precision.HOURS, 0L);

        assertThat(c.report.errors()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(OUT_OF_RANGE));
    }

    private static Arguments bad(String name, String line, String reason, int column) {
        return arguments(name, line, reason, column);
    }
}
