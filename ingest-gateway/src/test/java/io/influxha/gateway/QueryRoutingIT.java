package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.TestRouters;
import io.influxha.influxd.InfluxdProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * /query through the gateway over three real influxd: shard "hot" (cpu) replicated on a, b and c,
 * default shard "rest" on c alone. b lags (it misses the newest cpu point and its lag is set over
 * max_read_lag); c is caught up. Data is written to each influxd directly: this test is about
 * reads, the write path has its own tests. The last test stops a.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryRoutingIT {
    private static final String DB = "tel";
    private static final long T = 1_700_000_000_000_000_000L;
    @TempDir
    static Path dir;
    private static InfluxdProcess a;
    private static InfluxdProcess b;
    private static InfluxdProcess c;
    private static TestRouters routers;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        a = InfluxdProcess.start(dir.resolve("a"));
        b = InfluxdProcess.start(dir.resolve("b"));
        c = InfluxdProcess.start(dir.resolve("c"));
        String cpu = "cpu,host=h1 v=1 " + T + "\ncpu,host=h2 v=3 " + (T + 60_000_000_000L);
        for (InfluxdProcess i : List.of(a, b, c)) {
            i.createDatabase(DB);
        }
        a.write(DB, cpu);
        c.write(DB, cpu);
        b.write(DB, "cpu,host=h1 v=1 " + T);
        c.write(DB, "mem,host=h1 used=5i " + T + "\ndisk,host=h3,path=/ free=9i " + T);
        routers = new TestRouters(List.of(backend("a", a), backend("b", b), backend("c", c)),
                List.of(new ShardSettings("hot", List.of("a", "b", "c"), List.of("cpu")),
                        new ShardSettings("rest", List.of("c"), List.of("*"))), 10);
        routers.lags.put("a/hot", 0L);
        routers.lags.put("b/hot", 500L);
        routers.lags.put("c/hot", 2L);
        gateway = Gateway.start(new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5)),
                new FakePublisher(), new MemoryBudget(1 << 24), routers.router);
    }

    private static BackendSettings backend(String name, InfluxdProcess influxd) {
        return BackendSettings.of(name, influxd.url());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (InfluxdProcess i : new InfluxdProcess[] {a, b, c}) {
            if (i != null) {
                i.close();
            }
        }
    }

    private static HttpResponse<String> query(URI base, String params) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/query?" + params)).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            return TestGateway.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI gw() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    private static String q(String text) {
        return "db=" + DB + "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void grafanas_mean_by_time_is_answered_byte_for_byte_by_the_least_lagging_replica() {
        String params = q("SELECT mean(\"v\") FROM \"cpu\" WHERE time >= " + T + " AND time <= " + (T + 120_000_000_000L)
                + " GROUP BY time(1m) fill(null)") + "&epoch=ms";

        HttpResponse<String> viaGateway = query(gw(), params);

        assertThat(viaGateway.headers().firstValue("X-Influxha-Backend")).hasValue("a");
        assertThat(viaGateway.body()).isEqualTo(query(a.url(), params).body()).contains("[1700000040000,3]");
    }

    @Test
    @Order(2)
    void chunked_answers_are_streamed_unchanged() {
        String params = q("SELECT * FROM cpu") + "&chunked=true&chunk_size=1";

        HttpResponse<String> viaGateway = query(gw(), params);

        assertThat(viaGateway.body()).isEqualTo(query(a.url(), params).body());
        assertThat(viaGateway.body().lines()).hasSizeGreaterThan(1);
    }

    @Test
    @Order(3)
    void show_measurements_and_tag_values_merge_both_shards() {
        HttpResponse<String> m = query(gw(), q("SHOW MEASUREMENTS"));
        HttpResponse<String> tags = query(gw(), q("SHOW TAG VALUES WITH KEY = \"host\""));
        HttpResponse<String> paged = query(gw(), q("SHOW MEASUREMENTS LIMIT 1 OFFSET 1"));

        assertThat(m.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"measurements\","
                + "\"columns\":[\"name\"],\"values\":[[\"cpu\"],[\"disk\"],[\"mem\"]]}]}]}\n");
        assertThat(tags.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":["
                + "{\"name\":\"cpu\",\"columns\":[\"key\",\"value\"],\"values\":[[\"host\",\"h1\"],[\"host\",\"h2\"]]},"
                + "{\"name\":\"disk\",\"columns\":[\"key\",\"value\"],\"values\":[[\"host\",\"h3\"]]},"
                + "{\"name\":\"mem\",\"columns\":[\"key\",\"value\"],\"values\":[[\"host\",\"h1\"]]}]}]}\n");
        assertThat(paged.body()).contains("\"values\":[[\"disk\"]]");
    }

    @Test
    @Order(4)
    void the_influx_cli_runs_show_and_select_against_the_gateway() throws Exception {
        String databases = cli("SHOW DATABASES");
        String select = cli("SELECT sum(v) FROM cpu");

        assertThat(databases.lines()).contains(DB);
        assertThat(select).contains("name: cpu").contains("time                 sum");
        assertThat(select.lines()).contains("1970-01-01T00:00:00Z 4");
    }

    @Test
    @Order(4)
    void influxdb_java_query_api_reads_merged_and_streamed_answers() {
        try (org.influxdb.InfluxDB client = org.influxdb.InfluxDBFactory.connect(gw().toString())) {
            org.influxdb.dto.QueryResult measurements = client.query(new org.influxdb.dto.Query("SHOW MEASUREMENTS", DB));
            org.influxdb.dto.QueryResult sum = client.query(new org.influxdb.dto.Query("SELECT sum(v) FROM cpu", DB));

            assertThat(measurements.getResults().get(0).getSeries().get(0).getValues())
                    .containsExactly(List.of("cpu"), List.of("disk"), List.of("mem"));
            assertThat(sum.getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).isEqualTo(4.0);
        }
    }

    @Test
    @Order(5)
    void with_one_replica_stopped_and_one_lagging_the_caught_up_replica_answers() {
        a.stop();

        HttpResponse<String> r = query(gw(), q("SELECT count(v) FROM cpu"));
        HttpResponse<String> dbs = query(gw(), "q=SHOW+DATABASES");

        assertThat(r.headers().firstValue("X-Influxha-Backend")).hasValue("c");
        assertThat(r.headers().firstValue("X-Influxha-Lag")).hasValue("2");
        assertThat(r.body()).contains("[\"1970-01-01T00:00:00Z\",2]");
        assertThat(dbs.statusCode()).isEqualTo(200);
        assertThat(dbs.body()).contains("\"" + DB + "\"");
    }

    private static String cli(String statement) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("influx", "-host", "127.0.0.1", "-port", Integer.toString(gateway.port()),
                "-database", DB, "-precision", "rfc3339", "-execute", statement).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("influx CLI did not finish in 30s: " + statement);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
        }
    }
}
