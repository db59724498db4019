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
import org.junit.jupiter.api.Test;

/** Writes to a database the catalog does not have, as InfluxDB 1.8's serveWrite answers them. */
class DatabaseGuardTest {
    private static final String NOT_FOUND_BODY = "{\"error\":\"database not found: \\\"nodb\\\"\"}\n";

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
    void auto_create_whose_catalog_update_fails_is_503_and_publishes_no_data() {
        catalog.failRecord = true;
        start(true);

        HttpResponse<String> r = client.post("/write?db=nodb", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(publisher.sent).extracting(IngestRecord::kind).containsExactly(RecordHeaders.KIND_DDL);
    }

    /** The catalog's answers per database (or {@code db/rp}; default NOT_FOUND, a policy follows its database) and the statements recorded. */
    static final class FakeCatalog implements GatewayCatalog {
        final Map<String, Answer> answers = new ConcurrentHashMap<>();
        final List<String> recorded = new CopyOnWriteArrayList<>();
        volatile boolean failRecord;

        @Override
        public Answer database(String db, long deadlineNanos) {
            return answers.getOrDefault(db, Answer.NOT_FOUND);
        }

        @Override
        public Answer retentionPolicy(String db, String rp, long deadlineNanos) {
            return answers.getOrDefault(db + "/" + rp, database(db, deadlineNanos));
        }

        @Override
        public void record(io.influxha.gateway.influxql.Statement statement, String text, Duration timeout) {
            if (failRecord) {
                throw new IllegalStateException("catalog topic: not acknowledged within " + timeout);
            }
            recorded.add(text);
        }

        @Override
        public void adopt(List<String> databases, Duration timeout) {
            databases.forEach(db -> answers.putIfAbsent(db, Answer.EXISTS));
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
