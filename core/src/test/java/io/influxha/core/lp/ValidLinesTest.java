package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lines InfluxDB 1.8 accepts, and the values they carry. */
class ValidLinesTest {
    private static final long RECEIVED = 1_700_000_123_456_789_012L;

    static Stream<Arguments> validLines() {
        return Stream.of(
                ok("float without decimal point", "cpu value=1 10", p("cpu", tags(), fields("value", 1.0), 10)),
                ok("negative integer", "cpu n=-42i 10", p("cpu", tags(), fields("n", -42L), 10)),
                ok("largest integer", "cpu n=9223372036854775807i 10", p("cpu", tags(), fields("n", Long.MAX_VALUE), 10)),
                ok("smallest integer", "cpu n=-9223372036854775808i 10", p("cpu", tags(), fields("n", Long.MIN_VALUE), 10)),
                ok("float with exponent", "cpu a=1.5e3,b=-1E-3,c=2e+2 10", p("cpu", tags(), fields("a", 1500.0, "b", -0.001, "c", 200.0), 10)),
                ok("float with leading or trailing point", "cpu a=.5,b=1.,c=-.25 10", p("cpu", tags(), fields("a", 0.5, "b", 1.0, "c", -0.25), 10)),
                ok("float close to the largest float64", "cpu a=1.7e308 10", p("cpu", tags(), fields("a", 1.7e308), 10)),
                ok("zero with a huge exponent", "cpu a=0e999 10", p("cpu", tags(), fields("a", 0.0), 10)),
                ok("tiny float underflows to zero as in Go", "cpu a=1e-400 10", p("cpu", tags(), fields("a", 0.0), 10)),
                ok("every true spelling", "cpu a=t,b=T,c=true,d=True,e=TRUE 10",
                        p("cpu", tags(), fields("a", true, "b", true, "c", true, "d", true, "e", true), 10)),
                ok("every false spelling", "cpu a=f,b=F,c=false,d=False,e=FALSE 10",
                        p("cpu", tags(), fields("a", false, "b", false, "c", false, "d", false, "e", false), 10)),
                ok("tags and several field types", "cpu,host=a,region=eu u=0.5,n=3i,ok=true,s=\"x\" 10",
                        p("cpu", tags("host", "a", "region", "eu"), fields("u", 0.5, "n", 3L, "ok", true, "s", "x"), 10)),
                ok("escaped comma and space in measurement", "c\\ p\\,u x=1 10", p("c p,u", tags(), fields("x", 1.0), 10)),
                ok("unescaped equals in measurement", "cp=u x=1 10", p("cp=u", tags(), fields("x", 1.0), 10)),
                ok("escapes in tag key and value", "cpu,ho\\ st=a\\,b\\=c x=1 10", p("cpu", tags("ho st", "a,b=c"), fields("x", 1.0), 10)),
                ok("escapes in field key", "cpu f\\ i\\,e\\=ld=1 10", p("cpu", tags(), fields("f i,e=ld", 1.0), 10)),
                ok("escaped quote and backslash in string", "cpu s=\"a\\\"b\\\\c\" 10", p("cpu", tags(), fields("s", "a\"b\\c"), 10)),
                ok("string holding comma space and equals", "cpu s=\"a, b=c\",n=1i 10", p("cpu", tags(), fields("s", "a, b=c", "n", 1L), 10)),
                ok("string holding a raw newline", "cpu s=\"line1\nline2\" 10", p("cpu", tags(), fields("s", "line1\nline2"), 10)),
                ok("empty string", "cpu s=\"\" 10", p("cpu", tags(), fields("s", ""), 10)),
                ok("unicode names and values", "温度,城市=東京 値=1.5 10", p("温度", tags("城市", "東京"), fields("値", 1.5), 10)),
                ok("negative timestamp", "cpu x=1 -1", p("cpu", tags(), fields("x", 1.0), -1)),
                ok("smallest InfluxDB time", "cpu x=1 -9223372036854775806", p("cpu", tags(), fields("x", 1.0), Long.MIN_VALUE + 2)),
                ok("largest InfluxDB time", "cpu x=1 9223372036854775806", p("cpu", tags(), fields("x", 1.0), Long.MAX_VALUE - 1)),
                ok("leading whitespace and trailing spaces", " \t cpu x=1 10   ", p("cpu", tags(), fields("x", 1.0), 10)),
                ok("several spaces before fields and timestamp", "cpu   x=1   10", p("cpu", tags(), fields("x", 1.0), 10)),
                ok("no timestamp takes the receive time", "cpu x=1", p("cpu", tags(), fields("x", 1.0), RECEIVED)),
                ok("tag value starting with equals, a 1.8 quirk", "cpu,a==b x=1 10", p("cpu", tags("a", "=b"), fields("x", 1.0), 10)),
                ok("duplicate field key is kept, last value wins", "cpu x=1,x=2 10", p("cpu", tags(), fields("x", 2.0), 10)),
                ok("CRLF line ending", "cpu x=1 10\r\n", p("cpu", tags(), fields("x", 1.0), 10)),
                ok("CRLF after fields without timestamp", "cpu x=1i\r\n", p("cpu", tags(), fields("x", 1L), RECEIVED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLines")
    void accepts_valid_line_with_its_values(String name, String line, Point expected) {
        Collected c = Collected.parse(line, Precision.NANOSECONDS, RECEIVED);

        assertThat(c.report.errors()).isEmpty();
        assertThat(c.report.points()).isEqualTo(1);
        assertThat(c.points).containsExactly(expected);
    }

    private static Arguments ok(String name, String line, Point expected) {
        return arguments(name, line, expected);
    }

    static Point p(String measurement, Map<String, String> tags, Map<String, Object> fields, long ts) {
        return new Point(measurement, new TreeMap<>(tags), fields, ts);
    }

    static Map<String, String> tags(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put(kv[k], kv[k + 1]);
        }
        return m;
    }

    static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }
}
