package io.influxha.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.lp.LineProtocolException;
import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.ParseReport;
import io.influxha.core.lp.Precision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static List<LineProtocolException> errorsOf(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ParseReport report = new LineProtocolParser().parse(bytes, 0, bytes.length, Precision.NANOSECONDS, 0L,
                (buf, start, measurementEnd, seriesEnd, fieldsEnd, ts) -> { });
        return report.errors();
    }

    @Test
    void keeps_each_rejected_line_whole_and_newline_terminated() {
        List<LineProtocolException> errors = errorsOf("ok v=1i 1\nbad v= 2\r\nok v=2i 3\nalso bad\n");

        assertThat(new String(DeadLetters.badLines(errors), StandardCharsets.UTF_8)).isEqualTo("bad v= 2\nalso bad\n");
    }

    @Test
    void keeps_a_rejected_point_whose_string_field_spans_lines_in_one_piece() {
        List<LineProtocolException> errors = errorsOf("cpu s=\"a\nb\",v= 1\n");

        assertThat(new String(DeadLetters.badLines(errors), StandardCharsets.UTF_8)).isEqualTo("cpu s=\"a\nb\",v= 1\n");
    }

    @Test
    void reason_lists_parser_messages_and_stays_bounded_for_a_record_of_garbage() {
        List<LineProtocolException> errors = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            errors.add(new LineProtocolException("garbage line " + i, i + 1, 1, "missing fields"));
        }

        String reason = DeadLetters.reason(errors);

        assertThat(reason).startsWith("unable to parse 'garbage line 0': missing fields\nunable to parse 'garbage line 1'");
        assertThat(reason).hasSizeLessThan(DeadLetters.MAX_REASON_CHARS + 100).endsWith("more lines that failed to parse");
    }
}
