package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property: no input makes the parser throw; whatever it accepts is valid line protocol. */
class GarbageTest {
    private static final byte[] ALPHABET = "abcti.e-+0123456789 ,=\"\\\n\r\t#uETFN\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final String VALID = "cpu,host=a\\ b,dc=x usage=1.5,n=-3i,ok=T,s=\"q\\\"x\ny\" 1700000000000\n";

    @Test
    void random_bytes_are_reported_never_thrown() {
        Random random = new Random(42L);
        int accepted = 0;
        int rejected = 0;
        for (int k = 0; k < 3000; k++) {
            byte[] body = new byte[random.nextInt(120)];
            for (int i = 0; i < body.length; i++) {
                body[i] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            ParseReport r = check(body);
            accepted += r.points();
            rejected += r.errors().size();
        }
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void mutated_valid_lines_are_reported_never_thrown() {
        Random random = new Random(4242L);
        byte[] valid = VALID.repeat(3).getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        int rejected = 0;
        for (int k = 0; k < 3000; k++) {
            byte[] body = valid.clone();
            for (int m = 1 + random.nextInt(4); m > 0; m--) {
                body[random.nextInt(body.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            ParseReport r = check(body);
            accepted += r.points();
            rejected += r.errors().size();
        }
        assertThat(accepted).isGreaterThan(3000);
        assertThat(rejected).isGreaterThan(1000);
    }

    /** Parses a slice, then re-encodes every accepted point and expects it to parse to the same value. */
    private static ParseReport check(byte[] body) {
        byte[] padded = new byte[body.length + 8];
        System.arraycopy(body, 0, padded, 4, body.length);
        padded[2] = 'x';
        padded[body.length + 4] = '"'; // bytes outside the slice must not be read
        LineBatch batch = new LineBatch();
        Collected first = new Collected();
        ParseReport report = new LineProtocolParser().parse(padded, 4, body.length, Precision.MILLISECONDS, 1_000_000_123L,
                (buf, start, m, s, fieldsEnd, ts) -> {
                    first.point(buf, start, m, s, fieldsEnd, ts);
                    batch.append(buf, start, fieldsEnd, ts);
                });

        assertThat(report.points()).isEqualTo(first.points.size());
        for (LineProtocolException e : report.errors()) {
            assertThat(e.getMessage()).startsWith("unable to parse '");
            assertThat(e.line()).isBetween(1, body.length + 1);
            assertThat(e.column()).isPositive();
        }
        Collected again = Collected.parse(batch.toByteArray(), Precision.NANOSECONDS, 0L);
        assertThat(again.report.errors()).as(new String(body, StandardCharsets.ISO_8859_1)).isEmpty();
        assertThat(again.points).isEqualTo(first.points);
        return report;
    }
}
