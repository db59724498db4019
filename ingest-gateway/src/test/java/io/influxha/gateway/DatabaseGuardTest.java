package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.gateway.query.QueryRouter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writes to a database or retention policy the catalog does not have, as InfluxDB 1.x's serveWrite answers them. */
class DatabaseGuardTest {
    private static final String NOT_FOUND_BODY = "{\"error\":\"database not found: \\\"nodb\\\"\"}\n";
    /** What influxd 1.6.7 answers to {@code POST /write?db=x&rp=nope} (status 500). */
    private static final String RP_NOT_FOUND_BODY = "{\"error\":\"retention policy not found: nope\"}\n";

    private final FakeCatalog catalog = new FakeCatalog();
    private final FakePublisher publisher = new FakePublisher();
    private Gateway gateway;
    private TestClient client;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(boolean autoCreate) {
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5))
                .withAutoCreateDatabases(autoCreate);
        gateway = Gateway.start(settings, publisher, new MemoryBudget(64L << 20), QueryRouter.none(), catalog);
        client = new TestClient(gateway.port());
    }

    @Test
    void a_write_to_a_database_the_catalog_lacks_is_404_database_not_found_and_publishes_nothing() {
        start(false);

        HttpResponse<String> r = client.post("/write?db=nodb", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo(NOT_FOUND_BODY);
        assertThat(r.headers().firstValue(InfluxErrors.ERROR_HEADER)).hasValue("database not found: \"nodb\"");
        assertThat(publisher.sent).isEmpty();
        assertThat(catalog.recorded).isEmpty();
    }

    @Test
    void a_write_to_a_database_the_catalog_has_is_published() {
        catalog.answers.put("telegraf", GatewayCatalog.Answer.EXISTS);
        start(false);

        assertThat(client.post("/write?db=telegraf", "cpu v=1 10").statusCode()).isEqualTo(204);
        assertThat(publisher.lines()).containsExactly("cpu v=1 10");
    }

    @Test
    void v2_and_prometheus_writes_get_the_same_404() {
        start(false);

        HttpResponse<String> v2 = client.send(HttpRequest.newBuilder(client.uri("/api/v2/write?bucket=nodb/autogen"))
                .header("Authorization", "Token user:secret").POST(HttpRequest.BodyPublishers.ofString("cpu v=1 10")));
        HttpResponse<String> prom = client.send(HttpRequest.newBuilder(client.uri("/api/v1/prom/write?db=nodb"))
                .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));

        assertThat(v2.statusCode()).isEqualTo(404);
        assertThat(v2.body()).isEqualTo(NOT_FOUND_BODY);
        assertThat(prom.statusCode()).isEqualTo(404);
        assertThat(prom.body()).isEqualTo(NOT_FOUND_BODY);
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void an_unreadable_catalog_is_503_with_retry_after_and_publishes_nothing() {
        catalog.answers.put("nodb", GatewayCatalog.Answer.UNKNOWN);
        start(true);

        HttpResponse<String> r = client.post("/write?db=nodb", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).contains("nodb").contains("catalog");
        assertThat(publisher.sent).isEmpty();
        assertThat(catalog.recorded).isEmpty();
    }

    @Test
    void auto_create_publishes_create_database_before_the_data_and_records_it() {
        start(true);

        HttpResponse<String> r = client.post("/write?db=nodb&rp=autogen", "cpu v=1 10\nmem v=2 20");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(publisher.sent).hasSizeGreaterThanOrEqualTo(2);
        IngestRecord first = publisher.sent.get(0);
        assertThat(first.kind()).isEqualTo(RecordHeaders.KIND_DDL);
        assertThat(first.db()).isEqualTo("nodb");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("CREATE DATABASE \"nodb\"");
        assertThat(publisher.sent.subList(1, publisher.sent.size())).allSatisfy(rec -> {
            assertThat(rec.kind()).isEqualTo(RecordHeaders.KIND_DATA);
            assertThat(rec.db()).isEqualTo("nodb");
        });
        assertThat(catalog.recorded).containsExactly("CREATE DATABASE \"nodb\"");
    }

    @Test
    void auto_create_quotes_the_database_name() {
        start(true);

        assertThat(client.post("/write?db=a%22b", "cpu v=1 10").statusCode()).isEqualTo(204);
        assertThat(catalog.recorded).containsExactly("CREATE DATABASE \"a\\\"b\"");
    }

    @Test
    void auto_create_whose_transaction_fails_is_503_and_publishes_nothing() {
        catalog.failRecord = true;
        start(true);

        HttpResponse<String> r = client.post("/write?db=nodb", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(publisher.sent).as("the CREATE and its catalog entry are one transaction: neither is published").isEmpty();
    }

    @Test
    void a_write_to_a_retention_policy_the_database_lacks_is_500_retention_policy_not_found_and_publishes_nothing() {
        catalog.answers.put("telegraf", GatewayCatalog.Answer.EXISTS);
        catalog.policies.put("telegraf/nope", GatewayCatalog.Answer.NOT_FOUND);
        start(false);

        HttpResponse<String> r = client.post("/write?db=telegraf&rp=nope", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo(RP_NOT_FOUND_BODY);
        assertThat(r.headers().firstValue(InfluxErrors.ERROR_HEADER)).hasValue("retention policy not found: nope");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void v2_bucket_db_slash_rp_and_prometheus_writes_to_an_unknown_policy_get_the_same_500() {
        catalog.answers.put("telegraf", GatewayCatalog.Answer.EXISTS);
        catalog.policies.put("telegraf/nope", GatewayCatalog.Answer.NOT_FOUND);
        start(false);

        HttpResponse<String> v2 = client.send(HttpRequest.newBuilder(client.uri("/api/v2/write?bucket=telegraf/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("cpu v=1 10")));
        HttpResponse<String> prom = client.send(HttpRequest.newBuilder(client.uri("/api/v1/prom/write?db=telegraf&rp=nope"))
                .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new PromRequests()
                        .series(Map.of("__name__", "up", "job", "p"), new PromRequests.Sample(1, 1_700_000_000_000L)).snappy())));

        assertThat(v2.statusCode()).isEqualTo(500);
        assertThat(v2.body()).isEqualTo(RP_NOT_FOUND_BODY);
        assertThat(prom.statusCode()).isEqualTo(500);
        assertThat(prom.body()).isEqualTo(RP_NOT_FOUND_BODY);
        assertThat(publisher.sent).isEmpty();
    }

    /** 1.x resolves an empty rp to the database's default policy name, which it keeps after that policy is dropped. */
    @Test
    void a_write_without_rp_to_a_database_whose_default_was_dropped_names_the_default() {
        catalog.answers.put("nodefault", GatewayCatalog.Answer.EXISTS);
        catalog.policies.put("nodefault/", GatewayCatalog.Answer.NOT_FOUND);
        catalog.defaults.put("nodefault", "autogen");
        start(false);

        HttpResponse<String> r = client.post("/write?db=nodefault", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":\"retention policy not found: autogen\"}\n");
        assertThat(publisher.sent).isEmpty();
    }

    static Stream<Arguments> checkedBeforeThePolicy() {
        return Stream.of(
                Arguments.of("a database that does not exist", "/write?db=nodb&rp=nope", "cpu v=1 10", 404),
                Arguments.of("a body with no valid line", "/write?db=telegraf&rp=nope", "bad\n", 400),
                Arguments.of("an unknown consistency", "/write?db=telegraf&rp=nope&consistency=most", "cpu v=1 10", 400),
                Arguments.of("an unknown precision", "/write?db=telegraf&rp=nope&precision=x", "cpu v=1 10", 400),
                Arguments.of("a partial write (the policy comes first)", "/write?db=telegraf&rp=nope", "good v=1 1\nbad\n", 500),
                Arguments.of("an empty body (checked too)", "/write?db=telegraf&rp=nope", "", 500));
    }

    /** serveWrite's order, the same in 1.6.7 and 1.8: db, body, parse (no valid line), consistency, then the policy. */
    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("checkedBeforeThePolicy")
    void the_policy_is_checked_where_influxd_checks_it(String name, String path, String body, int status) {
        catalog.answers.put("telegraf", GatewayCatalog.Answer.EXISTS);
        catalog.policies.put("telegraf/nope", GatewayCatalog.Answer.NOT_FOUND);
        start(false);

        HttpResponse<String> r = client.post(path, body);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void a_policy_the_catalog_cannot_tell_about_is_503_with_retry_after() {
        catalog.answers.put("telegraf", GatewayCatalog.Answer.EXISTS);
        catalog.policies.put("telegraf/week", GatewayCatalog.Answer.UNKNOWN);
        start(false);

        HttpResponse<String> r = client.post("/write?db=telegraf&rp=week", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).contains("retention policy \\\"week\\\"").contains("catalog");
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void a_write_to_a_policy_the_database_has_is_published_under_the_rp_it_named() {
        catalog.answers.put("telegraf", GatewayCatalog.Answer.EXISTS);
        start(false);

        assertThat(client.post("/write?db=telegraf&rp=week", "cpu v=1 10").statusCode()).isEqualTo(204);
        assertThat(publisher.sent).extracting(IngestRecord::key).containsExactly("telegraf/week/cpu");
    }

    @Test
    void a_write_to_an_unknown_database_is_404_before_anything_about_its_policy() {
        catalog.policies.put("nodb/nope", GatewayCatalog.Answer.NOT_FOUND);
        start(false);

        assertThat(client.post("/write?db=nodb&rp=nope", "cpu v=1 10").body()).isEqualTo(NOT_FOUND_BODY);
    }

    /**
     * The catalog's answers per database (default NOT_FOUND) and per {@code db/rp} (default EXISTS,
     * an empty rp named by {@link #defaults}, else autogen), and the statements recorded; a
     * recorded CREATE makes the database exist.
     */
    static final class FakeCatalog implements GatewayCatalog {
        final Map<String, Answer> answers = new ConcurrentHashMap<>();
        final Map<String, Answer> policies = new ConcurrentHashMap<>();
        final Map<String, String> defaults = new ConcurrentHashMap<>();
        final List<String> recorded = new CopyOnWriteArrayList<>();
        volatile boolean failRecord;

        @Override
        public Answer database(String db, long deadlineNanos) {
            return answers.getOrDefault(db, Answer.NOT_FOUND);
        }

        @Override
        public Policy retentionPolicy(String db, String rp, long deadlineNanos) {
            String name = rp.isEmpty() ? defaults.getOrDefault(db, "autogen") : rp;
            return new Policy(policies.getOrDefault(db + "/" + rp, Answer.EXISTS), name);
        }

        @Override
        public void record(io.influxha.gateway.influxql.Statement statement, String text,
                java.util.function.Consumer<List<io.influxha.core.catalog.CatalogEntry>> publish) {
            if (failRecord) {
                throw RejectedRequestException.unavailable("catalog topic: not acknowledged", null);
            }
            publish.accept(List.of());
            recorded.add(text);
        }
    }

    /** Plain HTTP client for a gateway on {@code port}. */
    record TestClient(int port) {
        java.net.URI uri(String pathAndQuery) {
            return java.net.URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }

        HttpResponse<String> post(String pathAndQuery, String body) {
            return send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return TestGateway.CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
