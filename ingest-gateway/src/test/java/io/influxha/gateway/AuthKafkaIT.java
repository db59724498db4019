package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With auth enabled against a real broker: only an authenticated, permitted write reaches the ingest topic. */
class AuthKafkaIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void a_write_with_good_credentials_lands_in_the_ingest_topic_and_refused_ones_do_not() throws Exception {
        String prefix = KafkaFixture.uniqueName("auth");
        KafkaFixture.createTopics(Map.of(Topics.ingest(prefix), 1));
        TestConfigs.catalogHas(KafkaFixture.bootstrapServers(), prefix, "telegraf");
        InfluxHaConfig base = TestConfigs.gateway(KafkaFixture.bootstrapServers(), prefix, Duration.ofSeconds(30), Map.of());
        InfluxHaConfig config = new InfluxHaConfig(base.dataDir(), base.kafka(), base.gateway().withAuth(AuthEndpointTest.users()),
                base.backends(), base.shards(), base.writer(), base.router());
        try (Gateway gateway = Gateway.start(config, KafkaFixture.cluster(config))) {
            // refused first: had one been published, its record would precede the accepted one read below
            assertThat(post(gateway, "?db=telegraf", AuthEndpointTest.basic("writer", "wrong"), "refused v=1 1").statusCode()).isEqualTo(401);
            assertThat(post(gateway, "?db=other", AuthEndpointTest.basic("writer", AuthEndpointTest.WRITER_PASSWORD), "refused v=2 1")
                    .statusCode()).isEqualTo(403);
            assertThat(post(gateway, "?db=telegraf", null, "refused v=3 1").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = post(gateway, "?db=telegraf", AuthEndpointTest.basic("writer", AuthEndpointTest.WRITER_PASSWORD), "accepted v=1 1");
            assertThat(ok.statusCode()).isEqualTo(204);
        }

        List<String> lines = Await.value(WAIT,
                () -> KafkaFixture.readAll(Topics.ingest(prefix), 1, Duration.ofSeconds(5)).stream()
                        .flatMap(r -> new String(r.value(), StandardCharsets.UTF_8).lines()).toList(),
                l -> !l.isEmpty(), () -> "a record in " + Topics.ingest(prefix));
        assertThat(lines).containsExactly("accepted v=1 1");
    }

    private static HttpResponse<String> post(Gateway gateway, String query, String authorization, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/write" + query))
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return TestGateway.CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
