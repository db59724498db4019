package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.FakeInflux;
import io.influxha.gateway.query.TestRouters;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /query through the gateway over fake backends: shard "hot" (cpu) on a, default shard "rest" on c. */
class QueryRoutingTest {
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux c = new FakeInflux("c");
    private final FakePublisher publisher = new FakePublisher();
    private final TestRouters routers = new TestRouters(List.of(a.settings(), c.settings()),
            List.of(new ShardSettings("hot", List.of("a"), List.of("cpu")), new ShardSettings("rest", List.of("c"), List.of("*"))), 10);
    private final Gateway gateway = Gateway.start(new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20),
            Duration.ofSeconds(5)), publisher, new MemoryBudget(1 << 24), routers.router);

    @AfterEach
    void stop() {
        gateway.close();
        a.close();
        c.close();
    }

    private HttpResponse<String> get(String query, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.port() + "/query?" + query));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return TestGateway.CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void a_read_is_proxied_with_its_parameters_and_names_the_backend_and_its_lag() {
        routers.lags.put("a/hot", 7L);
        a.answer = q -> "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\"}]}]}\n";

        HttpResponse<String> r = get(q("SELECT mean(v) FROM cpu GROUP BY time(1m) fill(null)")
                + "&db=telegraf&rp=autogen&epoch=ms&chunked=true&chunk_size=5&u=bob&p=pw&params=%7B%7D", "Accept", "application/csv");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\"}]}]}\n");
        assertThat(r.headers().firstValue("X-Influxha-Backend")).hasValue("a");
        assertThat(r.headers().firstValue("X-Influxha-Lag")).hasValue("7");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(a.requests).singleElement().satisfies(req -> {
            assertThat(req.form()).containsEntry("q", "SELECT mean(v) FROM cpu GROUP BY time(1m) fill(null)")
                    .containsEntry("db", "telegraf").containsEntry("rp", "autogen").containsEntry("epoch", "ms")
                    .containsEntry("chunked", "true").containsEntry("chunk_size", "5").containsEntry("u", "bob")
                    .containsEntry("p", "pw").doesNotContainKey("params"); // bound by the gateway, never forwarded
            assertThat(req.accept()).isEqualTo("application/csv");
        });
    }

    @Test
    void reads_over_two_shards_are_merged_into_one_answer_per_statement() {
        a.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[1,0.5]]}]}");
        c.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"mem\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[1,2]]}]}");

        HttpResponse<String> r = get(q("SELECT v FROM mem, cpu; SELECT v FROM cpu") + "&db=x");

        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":["
                + "{\"name\":\"cpu\",\"columns\":[\"time\",\"v\"],\"values\":[[1,0.5]]},"
                + "{\"name\":\"mem\",\"columns\":[\"time\",\"v\"],\"values\":[[1,2]]}]},"
                + "{\"statement_id\":1,\"series\":[{\"name\":\"cpu\",\"columns\":[\"time\",\"v\"],\"values\":[[1,0.5]]}]}]}\n");
        assertThat(r.headers().firstValue("X-Influxha-Backend"))
                .as("the answer starts with the first streamed statement: headers name who answered up to it").hasValue("a,c");
    }

    @Test
    void merged_answers_follow_chunked_and_csv_like_1_8() {
        a.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"tags\":{\"host\":\"h 1\"},"
                + "\"columns\":[\"time\",\"v\"],\"values\":[[10,0.5]]}]}");
        c.answer = q -> FakeInflux.results("{\"statement_id\":0}");

        HttpResponse<String> csv = get(q("SELECT v FROM cpu, mem GROUP BY host"), "Accept", "text/csv");
        HttpResponse<String> chunked = get(q("SELECT v FROM cpu, mem GROUP BY host; SHOW MEASUREMENTS") + "&chunked=true");

        assertThat(csv.body()).isEqualTo("name,tags,time,v\ncpu,host=h\\ 1,10,0.5\n");
        assertThat(a.requests.get(0).form()).containsEntry("epoch", "ns");
        assertThat(chunked.body().lines()).hasSize(2);
        assertThat(a.requests.get(1).form()).as("a streamed read asks for pieces").containsEntry("chunked", "true")
                .containsEntry("chunk_size", "10000");
        assertThat(a.requests.get(2).form()).as("SHOW MEASUREMENTS is read whole").doesNotContainKey("chunked");
    }

    @Test
    void drop_measurement_and_delete_take_the_durable_ddl_path_with_the_db_parameter() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + gateway.port()
                + "/query?db=telegraf&" + q("DROP MEASUREMENT cpu; DELETE FROM mem WHERE time < 10"))).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0},{\"statement_id\":1}]}\n");
        assertThat(publisher.sent).extracting(IngestRecord::db).containsExactly("telegraf", "telegraf");
        assertThat(publisher.sent).allSatisfy(rec -> assertThat(rec.kind()).isEqualTo(RecordHeaders.KIND_DDL));
        assertThat(a.requests).isEmpty();
    }

    @Test
    void ddl_without_a_database_is_influxds_statement_error() {
        HttpResponse<String> r = get(q("DROP SERIES FROM cpu"));

        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: \"}]}\n");
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void statements_that_would_diverge_replicas_are_refused_and_stop_the_query() {
        HttpResponse<String> r = get(q("SELECT * INTO copy FROM cpu; SELECT * FROM cpu"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"influx-ha: SELECT INTO is not supported "
                + "through the gateway: it would run on one replica over its own data and make replicas diverge\"},"
                + "{\"statement_id\":1,\"error\":\"not executed\"}]}\n");
        assertThat(a.requests).isEmpty();
    }

    @Test
    void read_your_writes_waits_for_the_router_then_for_the_replica_before_asking_it() throws Exception {
        routers.enableReadYourWrites("p");
        routers.ends.put("p.ingest", 5L);
        routers.committed.put("p-router/p.ingest", 4L);
        routers.ends.put("p.shard.hot", 9L);
        routers.committed.put("p-writer-a/p.shard.hot", 9L);

        java.util.concurrent.CompletableFuture<HttpResponse<String>> r = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> get(q("SELECT * FROM cpu") + "&read_your_writes=20s"));
        io.influxha.testkit.Await.value(Duration.ofSeconds(20), routers.committedReads::get, n -> n >= 2, () -> "the router wait polling");
        assertThat(a.requests).as("not asked before the router caught up").isEmpty();
        routers.committed.put("p-router/p.ingest", 5L);

        assertThat(r.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(a.requests).hasSize(1);
    }

    @Test
    void read_your_writes_past_its_deadline_is_504_and_asks_no_backend() {
        routers.enableReadYourWrites("p");
        routers.ends.put("p.shard.rest", 3L);
        routers.committed.put("p-writer-c/p.shard.rest", 2L);

        HttpResponse<String> r = get(q("SELECT * FROM mem"), "X-Influxha-Read-Your-Writes", "200ms");

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("{\"error\":\"influx-ha: read-your-writes: backend c had not applied the writes "
                + "of shard rest acknowledged before this request in time\"}\n");
        assertThat(c.requests).isEmpty();
    }

    @Test
    void read_your_writes_without_kafka_or_with_a_bad_duration_is_refused() {
        assertThat(get(q("SELECT * FROM mem") + "&read_your_writes=5").statusCode()).isEqualTo(400);
        assertThat(get(q("SELECT * FROM mem") + "&read_your_writes=5s").statusCode()).isEqualTo(504);
    }

    @Test
    void with_gateway_auth_the_clients_credentials_stay_at_the_gateway_and_backends_get_their_own() {
        FakeInflux secured = new FakeInflux("s");
        io.influxha.core.config.BackendSettings withCredentials = new io.influxha.core.config.BackendSettings("s",
                secured.settings().url(), false, Duration.ofSeconds(2), Duration.ofSeconds(30), "svc",
                new io.influxha.core.config.Secret("svc-pw"));
        TestRouters one = new TestRouters(List.of(withCredentials), List.of(new ShardSettings("all", List.of("s"), List.of("*"))), 10);
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5))
                .withAuth(new io.influxha.core.config.AuthSettings(true, List.of(new io.influxha.core.config.AuthUser("bob",
                        new io.influxha.core.config.Secret("bob-pw"), io.influxha.core.config.Secret.NONE, true, List.of(), List.of()))));
        try (Gateway authed = Gateway.start(settings, new FakePublisher(), new MemoryBudget(1 << 24), one.router)) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + authed.port()
                    + "/query?u=bob&p=bob-pw&" + q("SELECT * FROM cpu"))).GET());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(secured.requests).singleElement().satisfies(req -> {
                assertThat(req.form()).doesNotContainKeys("u", "p");
                assertThat(req.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                        .encodeToString("svc:svc-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            });
        } finally {
            secured.close();
        }
    }

    @Test
    void no_reachable_replica_for_a_streamed_read_is_503() {
        a.close();

        HttpResponse<String> r = get(q("SELECT * FROM cpu"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).startsWith("{\"error\":\"influx-ha: no replica of shard hot answered (a: java.net.ConnectException");
    }
}
