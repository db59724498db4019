package io.influxha.core.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Property: random valid points, encoded, parse back to the same values. */
class RoundTripTest {
    private static final String NAME_CHARS = "abcXYZ09_-. ,=\"'#:/温度é";
    private static final String STRING_CHARS = "ab Z9 ,=\"\\\n\r\t#'温";

    @Test
    void encoded_random_points_parse_back_to_the_same_points() {
        Random random = new Random(20_240_601L);
        List<Point> expected = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 2000; k++) {
            Point p = randomPoint(random);
            expected.add(p);
            PointEncoder.appendTo(body, p);
            body.append(random.nextBoolean() ? "\n" : "\r\n");
        }

        Collected c = Collected.parse(body.toString());

        assertThat(c.report.errors()).isEmpty();
        assertThat(c.points).containsExactlyElementsOf(expected);
    }

    @Test
    void each_point_alone_round_trips() {
        Random random = new Random(7L);
        for (int k = 0; k < 300; k++) {
            Point p = randomPoint(random);
            String line = PointEncoder.encode(p);

            assertThat(Collected.parse(line).points).as(line).containsExactly(p);
        }
    }

    static Point randomPoint(Random r) {
        String measurement = randomName(r, NAME_CHARS);
        while (measurement.charAt(0) == '#') {
            measurement = randomName(r, NAME_CHARS);
        }
        Map<String, String> tags = new TreeMap<>();
        for (int t = r.nextInt(5); t > 0; t--) {
            tags.put(randomName(r, NAME_CHARS), randomName(r, NAME_CHARS));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int f = 1 + r.nextInt(5); f > 0; f--) {
            fields.put(randomName(r, NAME_CHARS), randomValue(r));
        }
        long ts = r.nextInt(4) == 0 ? LineScanner.MIN_NANO_TIME + r.nextInt(1000) : r.nextLong() / 2;
        return new Point(measurement, new TreeMap<>(tags), fields, ts);
    }

    private static Object randomValue(Random r) {
        switch (r.nextInt(6)) {
            case 0: return r.nextLong();
            case 1: return r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 2: return (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(600) - 300);
            case 3: return r.nextBoolean();
            case 4: return r.nextBoolean() ? Double.MAX_VALUE : -0.0;
            default: return randomName(r, STRING_CHARS).substring(r.nextInt(2));
        }
    }

    private static String randomName(Random r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(8); n > 0; n--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
