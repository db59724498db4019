package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever bytes, parameters and encodings a client sends to a write endpoint, the
 * gateway answers a 2xx or a 4xx, never a 5xx (a 5xx makes Telegraf retry garbage forever).
 * Inputs are mutations of valid requests from a fixed seed, so a failure replays; the failing
 * request is printed.
 */
class WriteFuzzTest {
    private static final long SEED = 0x1f8b_0800L;
    private static final int CASES = 400;
    private static final String[] VALID_LINES = {
        "cpu,host=a,region=eu usage=0.5,count=3i,ok=true,msg=\"hi \\\"x\\\"\" 1700000000000000000",
        "m v=1", "my\\ m,t\\=k=v\\,w f=-1.5e3 1", "u f=18446744073709551615u 2", "s f=\"\" 3",
    };
    private static final String[] PARAMS = {
        "db=d", "db=", "rp=r", "precision=s", "precision=x", "precision=ns", "precision=us", "consistency=any",
        "consistency=bad", "bucket=d", "bucket=d/r", "bucket=", "bucket=/r", "org=o", "u=user", "p=pw", "db=%00",
    };
    private static final String[] PATHS = {"/write", "/api/v2/write", "/api/v1/prom/write"};
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = new TestGateway(64 << 10, java.time.Duration.ofSeconds(5), 64L << 20);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void generated_invalid_requests_never_get_a_5xx() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            String path = PATHS[random.nextInt(PATHS.length)] + "?" + params(random);
            byte[] body = body(random);
            HttpRequest.Builder request = HttpRequest.newBuilder(gw.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (random.nextInt(4) == 0) {
                request.header("Content-Encoding", "gzip");
            }
            HttpResponse<String> r = gw.send(request);

            int status = r.statusCode();
            String seen = "case " + i + ": POST " + path + " body=" + new String(body, StandardCharsets.ISO_8859_1)
                    + " -> " + status + " " + r.body();
            assertThat(status).as(seen).isBetween(200, 499);
        }
        assertThat(gw.publisher.sent).as("some generated requests were valid and published").isNotEmpty();
    }

    private static String params(Random random) {
        StringBuilder sb = new StringBuilder("db=d");
        for (int n = random.nextInt(4); n > 0; n--) {
            sb.append('&').append(PARAMS[random.nextInt(PARAMS.length)]);
        }
        return sb.toString();
    }

    /** Valid lines, then some of: flipped bytes, truncation, inserted special characters, gzip of it, random bytes. */
    private static byte[] body(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            sb.append(VALID_LINES[random.nextInt(VALID_LINES.length)]).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(6)) {
            case 0 -> flip(random, bytes);
            case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 2 -> bytes = insert(random, bytes, "\\,= \"\n\t#\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1));
            case 3 -> bytes = TestGateway.gzip(bytes);
            case 4 -> {
                bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
            }
            default -> { }
        }
        return bytes;
    }

    private static void flip(Random random, byte[] bytes) {
        for (int n = 1 + random.nextInt(4); n > 0 && bytes.length > 0; n--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
    }

    private static byte[] insert(Random random, byte[] bytes, byte[] specials) {
        byte[] out = new byte[bytes.length + 3];
        int at = random.nextInt(bytes.length + 1);
        System.arraycopy(bytes, 0, out, 0, at);
        for (int k = 0; k < 3; k++) {
            out[at + k] = specials[random.nextInt(specials.length)];
        }
        System.arraycopy(bytes, at, out, at + 3, bytes.length - at);
        return out;
    }
}
