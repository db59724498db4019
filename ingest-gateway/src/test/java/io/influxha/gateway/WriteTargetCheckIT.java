package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.Topics;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.QueryRouter;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Writes checked against the catalog on a real broker, answered as a real influxd 1.6.7 answers
 * them: the same schema is made on influxd directly and recorded in the catalog through a second
 * gateway instance (another {@link KafkaGatewayCatalog} on the same topic), then the same request
 * goes to both. The gateway under test reads to an end observed after each request before
 * refusing (window 0), so what the other instance recorded before the request is always found;
 * the burst test runs a second gateway with a long window to count the offset lookups a burst costs.
 */
class WriteTargetCheckIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static InfluxdProcess influxd;
    private static InfluxHaConfig config;
    private static Gateway gateway;
    private static KafkaGatewayCatalog otherGateway;
    private static String prefix;

    @BeforeAll
    static void start() {
        influxd = InfluxdProcess.start(dir.resolve("influxd"));
        prefix = KafkaFixture.uniqueName("target");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 1, Topics.catalog(prefix), 1));
        InfluxHaConfig base = TestConfigs.gateway(KafkaFixture.bootstrapServers(), prefix, TIMEOUT, Map.of());
        config = new InfluxHaConfig(base.dataDir(), base.kafka(), base.gateway(), List.of(BackendSettings.of("a", influxd.url())),
                List.of(new ShardSettings("main", List.of("a"), List.of("*"))), base.writer(), base.router());
        otherGateway = KafkaGatewayCatalog.start(config, KafkaFixture.cluster(config), BackendSchema.none(), Duration.ZERO);
        gateway = gateway(Duration.ZERO).gateway;
        both("CREATE DATABASE diff");
        both("CREATE RETENTION POLICY week ON diff DURATION 7d REPLICATION 1");
        both("CREATE DATABASE nodefault");
        both("DROP RETENTION POLICY autogen ON nodefault");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (otherGateway != null) {
            otherGateway.close();
        }
        if (influxd != null) {
            influxd.close();
        }
    }

    /** A gateway over the real broker whose catalog refuses only after reading to an end at most {@code window} old. */
    private static Started gateway(Duration window) {
        MemoryBudget memory = new MemoryBudget(64L << 20);
        KafkaIngestPublisher publisher = KafkaIngestPublisher.create(config, KafkaFixture.cluster(config), memory.limitBytes());
        QueryRouter router = QueryRouter.start(config, KafkaFixture.cluster(config));
        KafkaGatewayCatalog catalog = KafkaGatewayCatalog.start(config, KafkaFixture.cluster(config), BackendSchema.of(router), window);
        return new Started(Gateway.start(config.gateway(), publisher, memory, router, catalog), catalog);
    }

    private record Started(Gateway gateway, KafkaGatewayCatalog catalog) {}

    /** The statement applied to influxd directly and recorded in the catalog by the other gateway instance. */
    private static void both(String statement) {
        assertThat(influxd.query("", statement)).doesNotContain("error");
        Recorded.record(otherGateway, statement, TIMEOUT);
    }

    private static Named<Function<URI, HttpRequest.Builder>> request(String name, Function<URI, HttpRequest.Builder> r) {
        return Named.of(name, r);
    }

    private static Function<URI, HttpRequest.Builder> post(String pathAndQuery, String body) {
        return base -> HttpRequest.newBuilder(base.resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static Function<URI, HttpRequest.Builder> prom(String query) {
        byte[] body = new PromRequests().series(Map.of("__name__", "up", "job", "it"), new PromRequests.Sample(1, 1_700_000_000_000L)).snappy();
        return base -> HttpRequest.newBuilder(base.resolve("/api/v1/prom/write" + query)).header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static Stream<Named<Function<URI, HttpRequest.Builder>>> sameAnswer() {
        return Stream.of(
                request("a retention policy the database does not have", post("/write?db=diff&rp=nope", "m v=1")),
                request("a policy name in another case", post("/write?db=diff&rp=Week", "m v=1")),
                request("a policy the database has", post("/write?db=diff&rp=week", "m v=1")),
                request("no rp, to a database whose default autogen was dropped", post("/write?db=nodefault", "m v=1")),
                request("the dropped default named", post("/write?db=nodefault&rp=autogen", "m v=1")),
                request("an unknown policy, empty body", post("/write?db=diff&rp=nope", "")),
                request("an unknown policy, no valid line: the parse error first", post("/write?db=diff&rp=nope", "bad\n")),
                request("an unknown policy, a partial write: the policy error", post("/write?db=diff&rp=nope", "good v=1\nbad\n")),
                request("an unknown policy, an unknown consistency: the consistency error",
                        post("/write?db=diff&rp=nope&consistency=most", "m v=1")),
                request("an unknown database and policy: database not found", post("/write?db=nodb&rp=nope", "m v=1")),
                request("prometheus remote write to an unknown policy", prom("?db=diff&rp=nope")),
                request("prometheus remote write, no rp, the default dropped", prom("?db=nodefault")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameAnswer")
    void the_gateway_answers_like_influxd(Function<URI, HttpRequest.Builder> request) {
        assertSameAnswer(send(request.apply(gatewayUri())), send(request.apply(influxd.url())));
    }

    /** 1.6.7 has no /api/v2/write; 1.8's serveWriteV2 hands bucket db/rp to serveWrite, so the answer is /write's. */
    @Test
    void v2_bucket_db_slash_unknown_policy_answers_what_write_answers() {
        HttpResponse<String> ours = send(post("/api/v2/write?bucket=diff/nope", "m v=1").apply(gatewayUri()));
        HttpResponse<String> influx = send(post("/write?db=diff&rp=nope", "m v=1").apply(influxd.url()));

        assertSameAnswer(ours, influx);
        assertThat(ours.statusCode()).isEqualTo(500);
        assertThat(ours.body()).isEqualTo("{\"error\":\"retention policy not found: nope\"}\n");
    }

    /**
     * A write without rp is published naming the policy that is the database's default when it is
     * accepted: replicas that apply a later DEFAULT change at different moments still store it in
     * the same policy, as influxd would have.
     */
    @Test
    void a_write_without_a_policy_is_published_naming_the_default_policy_of_the_moment_it_was_accepted() {
        both("CREATE DATABASE defaults");
        assertThat(send(post("/write?db=defaults", "before v=1").apply(gatewayUri())).statusCode()).isEqualTo(204);
        both("CREATE RETENTION POLICY hot ON defaults DURATION 1d REPLICATION 1 DEFAULT");
        assertThat(send(post("/write?db=defaults", "after v=1").apply(gatewayUri())).statusCode()).isEqualTo(204);
        assertThat(send(post("/api/v2/write?bucket=defaults", "v2 v=1").apply(gatewayUri())).statusCode()).isEqualTo(204);

        Map<String, String> rpOf = KafkaFixture.readAll(Topics.ingest(prefix), 1, TIMEOUT).stream()
                .filter(r -> "defaults".equals(io.influxha.core.RecordHeaders.get(r.headers(), io.influxha.core.RecordHeaders.DB)))
                .collect(java.util.stream.Collectors.toMap(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).split(" ")[0],
                        r -> io.influxha.core.RecordHeaders.get(r.headers(), io.influxha.core.RecordHeaders.RP)));
        assertThat(rpOf).containsEntry("before", "autogen").containsEntry("after", "hot").containsEntry("v2", "hot");

        both("DROP DATABASE defaults");
        both("CREATE DATABASE defaults");
        assertThat(send(post("/write?db=defaults", "again v=1").apply(gatewayUri())).statusCode()).isEqualTo(204);
        Map<String, String> incarnationOf = KafkaFixture.readAll(Topics.ingest(prefix), 1, TIMEOUT).stream()
                .filter(r -> "defaults".equals(io.influxha.core.RecordHeaders.get(r.headers(), io.influxha.core.RecordHeaders.DB)))
                .collect(java.util.stream.Collectors.toMap(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).split(" ")[0],
                        r -> io.influxha.core.RecordHeaders.get(r.headers(), io.influxha.core.RecordHeaders.DB_INCARNATION)));
        assertThat(incarnationOf.get("before")).as("records name the database's incarnation").isNotEmpty()
                .isEqualTo(incarnationOf.get("after")).isNotEqualTo(incarnationOf.get("again"));
        assertThat(incarnationOf.get("again")).isNotEmpty();
    }

    /**
     * CREATE RETENTION POLICY of a policy that exists with other settings, or DEFAULT on one that
     * is not the default, is refused as influxd refuses it, and records nothing: the default a
     * refused statement names never becomes the catalog's (writes without rp keep going to autogen).
     */
    @Test
    void create_of_an_existing_policy_with_other_settings_or_a_new_default_is_refused_as_influxd_refuses_it() {
        both("CREATE DATABASE conflicts");
        both("CREATE RETENTION POLICY r ON conflicts DURATION 2d REPLICATION 1");
        both("ALTER RETENTION POLICY r ON conflicts DURATION 5d");
        for (String refused : List.of("CREATE RETENTION POLICY r ON conflicts DURATION 3d REPLICATION 1",
                "CREATE RETENTION POLICY r ON conflicts DURATION 5d REPLICATION 2",
                "CREATE RETENTION POLICY r ON conflicts DURATION 5d REPLICATION 1 SHARD DURATION 2h",
                "CREATE RETENTION POLICY r ON conflicts DURATION 5d REPLICATION 1 DEFAULT",
                "CREATE RETENTION POLICY autogen ON conflicts DURATION 1d REPLICATION 1")) {
            String q = "/query?q=" + java.net.URLEncoder.encode(refused, java.nio.charset.StandardCharsets.UTF_8);
            HttpResponse<String> influx = send(post(q, "").apply(influxd.url()));
            assertThat(influx.body()).as(refused).contains("retention policy");
            assertSameAnswer(send(post(q, "").apply(gatewayUri())), influx);
        }
        assertThat(send(post("/write?db=conflicts", "m v=1").apply(gatewayUri())).statusCode()).isEqualTo(204);
        assertThat(KafkaFixture.readAll(Topics.ingest(prefix), 1, TIMEOUT).stream()
                .filter(r -> "conflicts".equals(io.influxha.core.RecordHeaders.get(r.headers(), io.influxha.core.RecordHeaders.DB)))
                .map(r -> io.influxha.core.RecordHeaders.get(r.headers(), io.influxha.core.RecordHeaders.RP)))
                .as("the refused DEFAULT did not move the default").containsExactly("autogen");
    }

    @Test
    void a_policy_another_gateway_created_just_before_the_write_is_found() {
        both("CREATE RETENTION POLICY fresh ON diff DURATION 1d REPLICATION 1");

        assertThat(send(post("/write?db=diff&rp=fresh", "m v=1").apply(gatewayUri())).statusCode()).isEqualTo(204);
    }

    @Test
    void a_database_created_on_the_backend_directly_is_adopted_with_its_policies_and_default() {
        assertThat(influxd.query("", "CREATE DATABASE legacy WITH DURATION 2d NAME two")).doesNotContain("error");
        assertThat(influxd.query("", "CREATE RETENTION POLICY \"we ek\" ON legacy DURATION 90m REPLICATION 1")).doesNotContain("error");

        // The backends' database list is asked at most every 5 s: wait for the one that lists it.
        Await.until(Duration.ofSeconds(60), () -> send(post("/write?db=legacy", "m v=1").apply(gatewayUri())).statusCode() != 404,
                () -> "legacy adopted from the backend");
        for (String query : List.of("?db=legacy", "?db=legacy&rp=two", "?db=legacy&rp=we%20ek", "?db=legacy&rp=autogen",
                "?db=legacy&rp=nope")) {
            assertSameAnswer(send(post("/write" + query, "m v=1").apply(gatewayUri())),
                    send(post("/write" + query, "m v=1").apply(influxd.url())));
        }
    }

    /** The catalog's end is looked up at most once per window for all requests (KafkaGatewayCatalogTest counts the backend rounds). */
    @Test
    void a_burst_of_200_writes_to_an_unknown_database_costs_at_most_one_offset_lookup() {
        Started burst = gateway(Duration.ofMinutes(1));
        try {
            URI base = URI.create("http://127.0.0.1:" + burst.gateway().port() + "/");
            long lookupsBefore = burst.catalog().endLookups();
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = send(post("/write?db=nosuchdb", "m v=1").apply(base));
                assertThat(r.statusCode()).as("request %d", i).isEqualTo(404);
            }

            assertThat(burst.catalog().endLookups() - lookupsBefore).isLessThanOrEqualTo(1);
        } finally {
            burst.gateway().close();
        }
    }

    private static URI gatewayUri() {
        return URI.create("http://127.0.0.1:" + gateway.port() + "/");
    }

    private static void assertSameAnswer(HttpResponse<String> actual, HttpResponse<String> expected) {
        assertThat(actual.statusCode()).as("status").isEqualTo(expected.statusCode());
        assertThat(actual.body()).as("body").isEqualTo(expected.body());
        assertThat(actual.headers().firstValue("X-Influxdb-Error")).as("X-Influxdb-Error")
                .isEqualTo(expected.headers().firstValue("X-Influxdb-Error"));
        if (expected.statusCode() >= 400) {
            assertThat(actual.headers().firstValue("Content-Type")).as("Content-Type").isEqualTo(expected.headers().firstValue("Content-Type"));
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestGateway.exchange(request);
    }
}
