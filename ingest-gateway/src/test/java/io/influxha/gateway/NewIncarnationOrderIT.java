package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.Topics;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.QueryRouter;
import io.influxha.testkit.KafkaFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database or policy made again after a DROP must come after every copy of that DROP in every
 * shard partition, or the writes that follow it land before the DROP is applied and are removed
 * with it on every replica (the reference applier found it: seed 1 in CI). On a real broker, with
 * no router running (its group's offsets are committed by hand where a test says it routed): the
 * gateway publishes such a CREATE only once the router has routed everything before it, and
 * answers 503, publishing nothing, when it has not within publish_timeout.
 */
class NewIncarnationOrderIT {
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
    private static String prefix;
    private static Gateway gateway;
    private static Admin admin;

    @BeforeAll
    static void start() {
        prefix = KafkaFixture.uniqueName("incarnations");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 2, Topics.catalog(prefix), 1));
        InfluxHaConfig base = TestConfigs.gateway(KafkaFixture.bootstrapServers(), prefix, PUBLISH_TIMEOUT, Map.of());
        InfluxHaConfig config = new InfluxHaConfig(base.dataDir(), base.kafka(), base.gateway(),
                List.of(BackendSettings.of("a", URI.create("http://127.0.0.1:9"))),
                List.of(new ShardSettings("main", List.of("a"), List.of("*"))), base.writer(), base.router());
        MemoryBudget memory = new MemoryBudget(64L << 20);
        KafkaIngestPublisher publisher = KafkaIngestPublisher.create(config, KafkaFixture.cluster(config), memory.limitBytes());
        QueryRouter router = QueryRouter.start(config, KafkaFixture.cluster(config));
        KafkaGatewayCatalog catalog = KafkaGatewayCatalog.start(config, KafkaFixture.cluster(config), BackendSchema.none(), Duration.ZERO);
        publisher.incarnationsFrom(catalog::incarnation);
        gateway = Gateway.start(config.gateway(), publisher, memory, router, catalog);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers());
        admin = Admin.create(p);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void a_database_made_again_waits_for_the_router_to_pass_the_drop_and_is_refused_with_503_when_it_does_not() throws Exception {
        routerRoutedEverything();
        assertThat(query("CREATE DATABASE again").statusCode()).as("nothing before it to route").isEqualTo(200);
        assertThat(write("again").statusCode()).isEqualTo(204);
        HttpResponse<String> drop = query("DROP DATABASE again");
        assertThat(drop.statusCode()).isEqualTo(200);
        assertThat(drop.body()).as("no router: the DROP is stored, answered with the warning").contains("had not routed it");
        long before = ingestEnd();

        HttpResponse<String> refused = query("CREATE DATABASE again");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("the router has not routed the statements before this one").contains("nothing was published");
        assertThat(ingestEnd()).as("no copy, no catalog entry: the database is still dropped").isEqualTo(before);
        assertThat(write("again").statusCode()).isEqualTo(404);

        routerRoutedEverything();
        HttpResponse<String> made = query("CREATE DATABASE again");

        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.body()).doesNotContain("error");
        assertThat(write("again").statusCode()).isEqualTo(204);
    }

    @Test
    void a_create_of_what_exists_or_of_a_name_never_used_does_not_wait_for_the_router() {
        routerRoutedEverything();
        assertThat(query("CREATE DATABASE live").statusCode()).isEqualTo(200);
        assertThat(query("CREATE RETENTION POLICY week ON live DURATION 7d REPLICATION 1").statusCode()).isEqualTo(200);
        assertThat(write("live").statusCode()).isEqualTo(204); // the router is behind from here on

        assertThat(query("CREATE DATABASE live").statusCode()).isEqualTo(200);
        assertThat(query("CREATE RETENTION POLICY week ON live DURATION 7d REPLICATION 1").statusCode()).isEqualTo(200);
        assertThat(query("CREATE RETENTION POLICY month ON live DURATION 30d REPLICATION 1").statusCode()).isEqualTo(200);
        assertThat(query("DROP RETENTION POLICY month ON live").statusCode()).isEqualTo(200);
        HttpResponse<String> again = query("CREATE RETENTION POLICY month ON live DURATION 30d REPLICATION 1");
        assertThat(again.statusCode()).as("a policy made again is a new incarnation").isEqualTo(503);
        assertThat(again.body()).contains("nothing was published");
    }

    /** Commits the router's group at the end of every ingest partition, as a router that routed everything would. */
    private static void routerRoutedEverything() {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                request.put(new TopicPartition(Topics.ingest(prefix), p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> commits.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(Topics.routerApplicationId(prefix), commits).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long ingestEnd() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            request.put(new TopicPartition(Topics.ingest(prefix), p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
    }

    private static HttpResponse<String> query(String statement) {
        return send(HttpRequest.newBuilder(uri("/query?q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> write(String db) {
        return send(HttpRequest.newBuilder(uri("/write?db=" + db)).POST(HttpRequest.BodyPublishers.ofString("m v=1")));
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestGateway.exchange(request);
    }
}
