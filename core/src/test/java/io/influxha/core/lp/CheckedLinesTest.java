package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckedLinesTest {
    /** Every point as (start, measurementEnd, seriesEnd), and the bytes handed on. */
    private static final class Recorder implements PointSink, CheckedLines.Sink {
        final List<List<Integer>> points = new ArrayList<>();
        final LineBatch copied = new LineBatch();

        @Override
        public void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long ts) {
            points.add(List.of(start, measurementEnd, seriesEnd));
            copied.append(buf, start, fieldsEnd, ts);
        }

        @Override
        public void line(byte[] buf, int start, int measurementEnd, int seriesEnd, int lineEnd) {
            points.add(List.of(start, measurementEnd, seriesEnd));
            copied.appendLine(buf, start, lineEnd + 1);
        }
    }

    /** What the gateway publishes: the client's lines parsed and re-encoded with ns timestamps. */
    private static byte[] gatewayForm(String clientBody) {
        byte[] raw = clientBody.getBytes(StandardCharsets.UTF_8);
        LineBatch batch = new LineBatch(raw.length + 64);
        ParseReport report = new LineProtocolParser().parse(raw, 0, raw.length, Precision.NANOSECONDS, 1_700_000_000_000_000_000L,
                (buf, start, measurementEnd, seriesEnd, fieldsEnd, ts) -> batch.append(buf, start, fieldsEnd, ts));
        assertThat(report.errors()).isEmpty();
        return batch.toByteArray();
    }

    @Test
    void finds_exactly_what_the_parser_finds_in_random_gateway_encoded_points() {
        Random random = new Random(20_261_128L);
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 3000; k++) {
            PointEncoder.appendTo(body, RoundTripTest.randomPoint(random));
            body.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        byte[] checked = gatewayForm(body.toString());
        Recorder parsed = new Recorder();
        Recorder scanned = new Recorder();

        new LineProtocolParser().parse(checked, 0, checked.length, Precision.NANOSECONDS, 0L, parsed);
        int points = CheckedLines.scan(checked, 0, checked.length, scanned);

        assertThat(points).isEqualTo(3000);
        assertThat(scanned.points).isEqualTo(parsed.points);
        assertThat(scanned.copied.toByteArray()).as("every line handed on whole, as written").isEqualTo(checked)
                .isEqualTo(parsed.copied.toByteArray());
    }

    @Test
    void string_fields_with_spaces_newlines_quotes_and_equals_signs_stay_inside_their_line() {
        byte[] checked = gatewayForm("m,t=a\\ b f=\"x y\nz \\\" w=1 2\",g=1i 5\nm2 s=\"=\\\\\" -7\n");
        Recorder scanned = new Recorder();

        assertThat(CheckedLines.scan(checked, 0, checked.length, scanned)).isEqualTo(2);
        assertThat(new String(scanned.copied.toByteArray(), StandardCharsets.UTF_8).split("\n(?=m2 )"))
                .extracting(l -> l.substring(l.lastIndexOf(' ') + 1).strip()).containsExactly("5", "-7");
    }

    @Test
    void a_body_not_in_the_gateway_form_is_refused_so_the_caller_parses_it_fully() {
        for (String body : List.of("m v=1\n", "m v=1 12", "m v=\"open 1\n", "m v=1 12x\n", " v=1 1\n", "m,t=1\n", "m v=1 123456789012345678901\n")) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertThat(CheckedLines.scan(b, 0, b.length, new Recorder())).as(body).isEqualTo(-1);
        }
    }
}
