package io.influxha.e2e;

import io.influxha.gateway.influxql.InfluxQl;
import io.influxha.gateway.influxql.ParsedStatement;
import io.influxha.gateway.influxql.Statement;
import io.influxha.testkit.influxql.QueryGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded hostile requests for the gateway: /query with generated and mutated InfluxQL and odd
 * parameters (broken percent-encodings, bad epochs and chunk sizes, params), /write, /api/v2/write
 * and Prometheus remote write with mutated line protocol, bad or lying gzip, huge tokens and
 * invalid UTF-8. Statements that would change retention policies or drop databases through the
 * log are not sent: they are input for the next issue's waits, not this suite's.
 */
final class InputFuzz {
    /** One request: method, raw target (path and query, possibly malformed), headers, body, and a label for failures. */
    record Request(String method, String target, Map<String, String> headers, byte[] body, String what) {}

    private static final String[] PRECISIONS = {"", "n", "ns", "u", "ms", "s", "m", "h", "x", "%00"};
    private static final String[] ODD_VALUES = {"", "-1", "0", "1", "99999999999999999999", "abc", "%zz", "%C3%28", "%00", "true"};
    private static final String[] LINES = {"cpu,host=a v=1 ", "mem,host=b,region=eu used=2i,free=3.5 ", "disk f=\"a string\" ",
        "net,if=eth0 up=true ", "m\\ x,t\\,a=b\\ c v=1e3 "};
    private final SplittableRandom random;
    private final QueryGenerator queries;
    private final List<String> databases;

    InputFuzz(long seed, List<String> databases) {
        this.random = new SplittableRandom(seed);
        this.queries = new QueryGenerator(seed);
        this.databases = databases;
    }

    Request next() {
        int kind = random.nextInt(100);
        if (kind < 45) {
            return query();
        } else if (kind < 80) {
            String precision = pick("", "", "n", "s", "x");
            return write("/write?db=" + db() + opt("rp", pick("", "", "autogen", "nope")) + opt("precision", precision)
                    + opt("consistency", pick("", "one", "any", "most")), "write", precision.equals("s") ? 1_700_000_000L : 1_700_000_000_000_000_000L);
        } else if (kind < 90) {
            return write("/api/v2/write?org=x&bucket=" + pick(db(), db() + "/autogen", db() + "/nope", "", "/", "a/b/c")
                    + opt("precision", pick(PRECISIONS)), "v2 write", 1_700_000_000_000_000_000L);
        }
        return new Request("POST", "/api/v1/prom/write?db=" + db(), Map.of("Content-Encoding", "snappy"), garbage(200), "prom write");
    }

    private Request query() {
        QueryGenerator.Case c = safeQuery();
        String form = "q=" + enc(c.q()) + (c.params() == null ? "" : "&params=" + enc(c.params())) + "&db=" + db()
                + opt("epoch", pick("", "ns", "ms", "s", "x")) + opt("chunked", pick("", "true", "yes"))
                + opt("chunk_size", pick(ODD_VALUES)) + opt("pretty", pick("", "true")) + opt("rp", pick("", "nope", "%zz"));
        if (random.nextInt(3) == 0) {
            return new Request("GET", "/query?" + form, Map.of(), new byte[0], "query GET " + c.q());
        }
        return new Request("POST", "/query", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8), "query POST " + c.q());
    }

    /** A generated query, unless it would change a retention policy or drop a database. */
    private QueryGenerator.Case safeQuery() {
        while (true) {
            QueryGenerator.Case c = queries.next();
            try {
                List<ParsedStatement> parsed = InfluxQl.parseRequest(c.q(), c.params());
                if (parsed.stream().map(ParsedStatement::statement).noneMatch(InputFuzz::changesSchema)) {
                    return c;
                }
            } catch (RuntimeException refused) {
                return c; // the gateway refuses it: safe to send, and worth sending
            }
        }
    }

    private static boolean changesSchema(Statement s) {
        return s instanceof Statement.DropDatabaseStatement || s instanceof Statement.DropRetentionPolicyStatement
                || s instanceof Statement.AlterRetentionPolicyStatement || s instanceof Statement.CreateRetentionPolicyStatement;
    }

    private Request write(String target, String what, long time) {
        byte[] body = lines(time);
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(9)) {
            case 0 -> {
                headers.put("Content-Encoding", "gzip");
                body = gzip(body);
            }
            case 1 -> headers.put("Content-Encoding", "gzip"); // says gzip, is not
            case 2 -> {
                headers.put("Content-Encoding", "gzip");
                byte[] gz = gzip(body);
                body = Arrays.copyOf(gz, Math.max(1, gz.length - 1 - random.nextInt(Math.min(gz.length, 20))));
            }
            default -> { }
        }
        return new Request("POST", target, headers, body, what + " " + target);
    }

    /** Valid lines, then byte-level damage: mutations, invalid UTF-8, and now and then one huge token. */
    private byte[] lines(long time) {
        StringBuilder text = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            text.append(pick(LINES)).append(random.nextBoolean() ? Long.toString(time + i) : "").append('\n');
        }
        if (random.nextInt(20) == 0) {
            text.append("huge").append("x".repeat(64 * 1024 + random.nextInt(64 * 1024))).append(" v=1\n");
        }
        byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = random.nextBoolean() ? 0 : 1 + random.nextInt(3); i > 0 && b.length > 0; i--) {
            b[random.nextInt(b.length)] = (byte) pick(new int[] {0xff, 0xc3, 0x00, '\r', ',', ' ', '=', '"', '\\', '\n'});
        }
        return b;
    }

    private byte[] garbage(int max) {
        byte[] b = new byte[random.nextInt(max)];
        random.nextBytes(b);
        return b;
    }

    /** Mostly a database that exists, else one that does not or a broken name. */
    private String db() {
        String real = databases.get(random.nextInt(databases.size()));
        return random.nextInt(10) < 7 ? real : pick("nodb", "", "%zz", "a%00b");
    }

    private String opt(String name, String value) {
        return value.isEmpty() && random.nextBoolean() ? "" : "&" + name + "=" + value;
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
