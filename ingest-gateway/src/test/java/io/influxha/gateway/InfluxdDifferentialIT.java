package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends the same request to a real influxd (Debian's 1.6.7 here) and to the gateway and compares
 * status and body. Cases where 1.6.7 differs from 1.8, the reference, are separate tests that
 * name the difference and expect the 1.8 answer from the gateway.
 */
class InfluxdDifferentialIT {
    private static final String DB = "diff";
    @TempDir
    static Path dir;
    private static InfluxdProcess influxd;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        influxd = InfluxdProcess.start(dir.resolve("influxd"));
        influxd.createDatabase(DB);
        DatabaseGuardTest.FakeCatalog catalog = new DatabaseGuardTest.FakeCatalog(); // knows what influxd has
        catalog.answers.put(DB, GatewayCatalog.Answer.EXISTS);
        gateway = new TestGateway(catalog);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (influxd != null) {
            influxd.close();
        }
    }

    /** A request against a base URL. */
    private static Named<Function<URI, HttpRequest.Builder>> request(String name, Function<URI, HttpRequest.Builder> r) {
        return Named.of(name, r);
    }

    private static Function<URI, HttpRequest.Builder> post(String pathAndQuery, String body) {
        return base -> HttpRequest.newBuilder(base.resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static Function<URI, HttpRequest.Builder> get(String pathAndQuery) {
        return base -> HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
    }

    private static String q(String influxql) {
        return URLEncoder.encode(influxql, StandardCharsets.UTF_8);
    }

    static Stream<Named<Function<URI, HttpRequest.Builder>>> sameAnswer() {
        return Stream.of(
                request("ping", get("/ping")),
                request("write without db", post("/write", "m v=1 1")),
                request("write to a database that does not exist", post("/write?db=nodb", "m v=1 1")),
                request("write with no valid line", post("/write?db=" + DB, "bad\n")),
                request("write with a bad timestamp", post("/write?db=" + DB, "m v=1 abc\n")),
                request("write with a bad field value", post("/write?db=" + DB, "m v=x 1\n")),
                request("partial write keeps good points", post("/write?db=" + DB, "good v=1 1\nbad\ngood v=2 2\n")),
                request("good batch", post("/write?db=" + DB, "good v=1 1\ngood,t=a v=2 2\nother s=\"x\",i=3i 3\n")),
                request("write with empty body", post("/write?db=" + DB, "")),
                request("write with consistency one", post("/write?db=" + DB + "&consistency=one", "m v=1 1")),
                request("write with consistency any", post("/write?db=" + DB + "&consistency=any", "m v=1 1")),
                request("write with consistency quorum", post("/write?db=" + DB + "&consistency=quorum", "m v=1 1")),
                request("write with consistency all", post("/write?db=" + DB + "&consistency=all", "m v=1 1")),
                request("write with valid gzip body", base -> HttpRequest.newBuilder(base.resolve("/write?db=" + DB))
                        .header("Content-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(TestGateway.gzip("z v=1 1\nz v=2 2\n".getBytes(StandardCharsets.UTF_8))))),
                request("chunked write without Content-Length", base -> HttpRequest.newBuilder(base.resolve("/write?db=" + DB))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                "c v=1 1\nc v=2 2\n".getBytes(StandardCharsets.UTF_8))))),
                request("chunked partial write without Content-Length", base -> HttpRequest.newBuilder(base.resolve("/write?db=" + DB))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                "c v=1 1\nc v=\n".getBytes(StandardCharsets.UTF_8))))),
                request("write with precision s", post("/write?db=" + DB + "&precision=s", "m v=1 1700000000")),
                request("PUT on /write", base -> HttpRequest.newBuilder(base.resolve("/write?db=" + DB))
                        .PUT(HttpRequest.BodyPublishers.ofString("m v=1 1"))),
                request("write with unknown consistency", post("/write?db=" + DB + "&consistency=most", "m v=1 1")),
                request("write with gzip shorter than its header", base -> post("/write?db=" + DB, "not gzip").apply(base)
                        .header("Content-Encoding", "gzip")),
                request("write with a body that is not gzip", base -> post("/write?db=" + DB, "m v=1 1\nm v=2 2\n").apply(base)
                        .header("Content-Encoding", "gzip")),
                request("write with empty gzip body", base -> post("/write?db=" + DB, "").apply(base)
                        .header("Content-Encoding", "gzip")),
                request("write with truncated gzip", base -> HttpRequest.newBuilder(base.resolve("/write?db=" + DB))
                        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(truncatedGzip()))),
                request("query without q", get("/query?db=" + DB)),
                request("query with unknown statement", post("/query?q=" + q("FOO"), "")),
                request("create database", post("/query?q=" + q("CREATE DATABASE other"), "")),
                request("create database over GET", get("/query?q=" + q("CREATE DATABASE other"))),
                request("create database without name", post("/query?q=" + q("CREATE DATABASE"), "")),
                request("GET on /write", get("/write?db=" + DB)),
                request("unknown path", get("/nope")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameAnswer")
    void gateway_answers_like_influxd(Function<URI, HttpRequest.Builder> request) {
        HttpResponse<String> expected = send(request.apply(influxd.url()));
        HttpResponse<String> actual = send(request.apply(gateway.uri("/")));

        assertThat(actual.statusCode()).as("status").isEqualTo(expected.statusCode());
        assertThat(actual.body()).as("body").isEqualTo(expected.body());
        assertThat(actual.headers().firstValue("X-Influxdb-Error")).as("X-Influxdb-Error")
                .isEqualTo(expected.headers().firstValue("X-Influxdb-Error"));
    }

    /** 1.6.7 ignores an unknown precision and answers 204; 1.8 answers 400 (serveWriteV1). */
    @Test
    void unknown_precision_is_400_as_1_8_where_1_6_7_answers_204() {
        HttpResponse<String> old = send(post("/write?db=" + DB + "&precision=x", "m v=1 1").apply(influxd.url()));
        HttpResponse<String> ours = send(post("/write?db=" + DB + "&precision=x", "m v=1 1").apply(gateway.uri("/")));

        assertThat(old.statusCode()).isEqualTo(204);
        assertThat(ours.statusCode()).isEqualTo(400);
        assertThat(ours.body()).isEqualTo("{\"error\":\"invalid precision \\\"x\\\" (use n, u, ms, s, m or h)\"}\n");
    }

    /** 1.6.7 predates the 2.x compatibility endpoints (404 there); 1.8 maps /api/v2/write onto /write. */
    @Test
    void v2_write_is_served_as_1_8_where_1_6_7_answers_404() {
        HttpResponse<String> old = send(post("/api/v2/write?bucket=" + DB, "m v=1 1").apply(influxd.url()));
        HttpResponse<String> ours = send(post("/api/v2/write?bucket=" + DB + "&org=any", "m v=1 1").apply(gateway.uri("/")));

        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(ours.statusCode()).isEqualTo(204);
        assertThat(ours.headers().firstValue("X-Influxdb-Version")).hasValue("1.8.10");
    }

    /** 1.6.7 has no /health (404); 1.8 answers 200 with its JSON status. */
    @Test
    void health_is_served_as_1_8_where_1_6_7_answers_404() {
        HttpResponse<String> old = send(get("/health").apply(influxd.url()));
        HttpResponse<String> ours = send(get("/health").apply(gateway.uri("/")));

        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(ours.statusCode()).isEqualTo(200);
        assertThat(ours.body()).contains("\"status\":\"pass\"");
    }

    private static byte[] truncatedGzip() {
        byte[] gz = TestGateway.gzip("m v=1 1\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        return java.util.Arrays.copyOf(gz, gz.length - 6);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestGateway.exchange(request);
    }
}
