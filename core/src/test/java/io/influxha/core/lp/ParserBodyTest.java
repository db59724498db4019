package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole request bodies: line splitting, positions, comments, CRLF and partial failures. */
class ParserBodyTest {

    @Test
    void every_good_line_reaches_the_sink_and_every_bad_line_the_report() {
        Collected c = Collected.parse("cpu x=1 1\ncpu\nmem y=2i 2\ncpu,a x=1\ndisk z=t 3\n");

        assertThat(c.lines).containsExactly("cpu x=1", "mem y=2i", "disk z=t");
        assertThat(c.report.points()).isEqualTo(3);
        assertThat(c.report.errors()).extracting(LineProtocolException::line).containsExactly(2, 4);
        assertThat(c.report.influxMessage()).isEqualTo(
                "unable to parse 'cpu': missing fields\nunable to parse 'cpu,a x=1': missing tag value");
    }

    @Test
    void blank_lines_whitespace_lines_and_comments_are_skipped() {
        Collected c = Collected.parse("\n   \n# comment with \"quote\n\t# indented comment\ncpu x=1 1\n\n");

        assertThat(c.lines).containsExactly("cpu x=1");
        assertThat(c.report.ok()).isTrue();
    }

    @Test
    void crlf_line_endings_are_accepted_and_stripped_from_error_text() {
        Collected c = Collected.parse("cpu x=1 1\r\nmem y=2\r\nbad\r\n\r\ndisk z=3 3\r\n");

        assertThat(c.lines).containsExactly("cpu x=1", "mem y=2", "disk z=3");
        assertThat(c.report.errors()).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("unable to parse 'bad': missing fields");
            assertThat(e.line()).isEqualTo(3);
        });
    }

    @Test
    void newline_inside_a_string_does_not_end_the_point_and_later_lines_keep_their_numbers() {
        Collected c = Collected.parse("log msg=\"first\nsecond\nthird\" 1\nlog msg=\"ok\" 2\nlog msg=tru 3");

        assertThat(c.points).extracting(p -> p.fields().get("msg")).containsExactly("first\nsecond\nthird", "ok");
        assertThat(c.report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.column()).isEqualTo(9);
        });
    }

    @Test
    void error_inside_a_multi_line_point_reports_the_physical_line_and_column() {
        Collected c = Collected.parse("cpu x=1 1\nlog a=\"x\ny\",b=oops 2\n");

        assertThat(c.report.errors()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("invalid boolean");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(6);
            assertThat(e.getMessage()).isEqualTo("unable to parse 'log a=\"x\ny\",b=oops 2': invalid boolean");
        });
    }

    @Test
    void unclosed_quote_swallows_the_rest_of_the_body_as_influxdb_does() {
        Collected c = Collected.parse("cpu x=1 1\nlog a=\"open 2\ncpu x=1 3\n");

        assertThat(c.lines).containsExactly("cpu x=1");
        assertThat(c.report.errors()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("unbalanced quotes"));
    }

    @Test
    void point_without_timestamp_gets_receive_time_truncated_to_the_precision() {
        Collected c = Collected.parse("cpu x=1\ncpu x=2 5", Precision.SECONDS, 1_700_000_000_987_654_321L);

        assertThat(c.points).extracting(Point::timestampNanos).containsExactly(1_700_000_000_000_000_000L, 5_000_000_000L);
    }

    @Test
    void sink_gets_offsets_of_measurement_series_and_fields_into_the_body() {
        byte[] body = "xx\ncpu,host=a,dc=x used=1,free=2i 17\n".getBytes(StandardCharsets.UTF_8);
        List<String> seen = new ArrayList<>();
        new LineProtocolParser().parse(body, 3, body.length - 3, Precision.NANOSECONDS, 0L,
                (buf, start, mEnd, sEnd, fEnd, ts) -> seen.add(new String(buf, start, mEnd - start, StandardCharsets.UTF_8)
                        + "|" + new String(buf, start, sEnd - start, StandardCharsets.UTF_8)
                        + "|" + new String(buf, start, fEnd - start, StandardCharsets.UTF_8) + "|" + ts));

        assertThat(seen).containsExactly("cpu|cpu,host=a,dc=x|cpu,host=a,dc=x used=1,free=2i|17");
    }

    @Test
    void parses_only_the_given_slice_of_the_array() {
        byte[] body = "cpu x=1 1\nmem y=2 2\n".getBytes(StandardCharsets.UTF_8);
        List<Long> times = new ArrayList<>();
        ParseReport r = new LineProtocolParser().parse(body, 0, 9, Precision.NANOSECONDS, 0L,
                (buf, start, mEnd, sEnd, fEnd, ts) -> times.add(ts));

        assertThat(r.points()).isEqualTo(1);
        assertThat(times).containsExactly(1L);
    }

    @Test
    void parser_instance_is_reusable_across_bodies() {
        LineProtocolParser parser = new LineProtocolParser();
        byte[] bad = "cpu,a=1,a=2 x=1".getBytes(StandardCharsets.UTF_8);
        byte[] good = "cpu,a=1,b=2 x=1".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(bad, 0, bad.length, Precision.NANOSECONDS, 0L, (b, s, m, se, f, t) -> { }).ok()).isFalse();
        assertThat(parser.parse(good, 0, good.length, Precision.NANOSECONDS, 0L, (b, s, m, se, f, t) -> { }).ok()).isTrue();
    }

    @Test
    void many_tags_with_a_duplicate_are_rejected() {
        StringBuilder line = new StringBuilder("cpu");
        for (int k = 0; k < 100; k++) {
            line.append(",t").append(k).append("=v");
        }
        Collected ok = Collected.parse(line + " x=1");
        Collected dup = Collected.parse(line + ",t42=w x=1");

        assertThat(ok.report.ok()).isTrue();
        assertThat(ok.points.get(0).tags()).hasSize(100);
        assertThat(dup.report.errors()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("duplicate tags"));
    }

    @Test
    void slice_outside_the_array_is_refused_before_reading() {
        byte[] body = "cpu x=1".getBytes(StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LineProtocolParser()
                        .parse(body, 2, body.length, Precision.NANOSECONDS, 0L, (b, s, m, se, f, t) -> { }))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
