package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineBatchTest {

    @Test
    void appends_line_with_nanosecond_timestamp_and_newline() {
        byte[] body = "cpu,host=a x=1,y=2i 1700000000".getBytes(StandardCharsets.UTF_8);
        LineBatch batch = new LineBatch();
        new LineProtocolParser().parse(body, 0, body.length, Precision.SECONDS, 0L,
                (buf, start, m, s, fieldsEnd, ts) -> batch.append(buf, start, fieldsEnd, ts));
        batch.append("mem free=3".getBytes(StandardCharsets.UTF_8), 0, 10, -5L);

        assertThat(new String(batch.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("cpu,host=a x=1,y=2i 1700000000000000000\nmem free=3 -5\n");
        assertThat(batch.points()).isEqualTo(2);
        assertThat(batch.sizeBytes()).isEqualTo(batch.toByteArray().length);
    }

    @Test
    void grows_past_its_initial_capacity_and_reset_empties_it() {
        LineBatch batch = new LineBatch(16);
        byte[] line = "measurement_with_a_long_name,tag=value field=1".getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < 1000; k++) {
            batch.append(line, 0, line.length, Long.MAX_VALUE - 1);
        }
        assertThat(batch.points()).isEqualTo(1000);
        assertThat(batch.sizeBytes()).isEqualTo(1000 * (line.length + 1 + 19 + 1));

        batch.reset();
        assertThat(batch.points()).isZero();
        assertThat(batch.toByteArray()).isEmpty();
    }

    @Test
    void batch_is_valid_line_protocol_that_parses_back_to_the_same_points() {
        String body = "log,app=x msg=\"a\nb\",n=1i 10\ncpu x=1.5 20\n";
        Collected first = Collected.parse(body);
        LineBatch batch = new LineBatch();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        new LineProtocolParser().parse(bytes, 0, bytes.length, Precision.NANOSECONDS, 0L,
                (buf, start, m, s, fieldsEnd, ts) -> batch.append(buf, start, fieldsEnd, ts));

        Collected again = Collected.parse(new String(batch.toByteArray(), StandardCharsets.UTF_8));
        assertThat(again.points).isEqualTo(first.points).hasSize(2);
    }

    @Test
    void writes_extreme_timestamps() {
        LineBatch batch = new LineBatch();
        byte[] line = "m f=1".getBytes(StandardCharsets.UTF_8);
        batch.append(line, 0, 5, Long.MIN_VALUE);
        batch.append(line, 0, 5, 0L);
        assertThat(new String(batch.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("m f=1 -9223372036854775808\nm f=1 0\n");
    }

    @Test
    void writes_every_digit_count_like_long_to_string() {
        byte[] out = new byte[32];
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p = p * 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1), p * 7 + 3}) {
                int end = LineBatch.writeLong(v, out, 3);
                assertThat(new String(out, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        int end = LineBatch.writeLong(Long.MAX_VALUE, out, 0);
        assertThat(new String(out, 0, end, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(Long.MAX_VALUE));
    }
}
