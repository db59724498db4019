package io.influxha.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Topic creation's errors name the Kafka address the role actually used. */
class TopicAdminTest {
    private static String nothingListening() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return "127.0.0.1:" + free.getLocalPort(); // closed again at once: nothing listens there
        }
    }

    /** Embedded mode: the configured address is empty, the roles use the broker's; the error names the latter. */
    @Test
    void a_role_that_cannot_create_its_topics_names_the_resolved_address_not_the_configured_one() throws Exception {
        String bootstrap = nothingListening();
        io.influxha.core.config.InfluxHaConfig config = io.influxha.core.config.ConfigLoader.parse("""
                kafka:
                  client_overrides:
                    default.api.timeout.ms: 1500
                    request.timeout.ms: 1000
                backends:
                  - name: a
                    url: http://127.0.0.1:18086
                shards:
                  - name: main
                    replicas: [a]
                    measurements: ["*"]
                """, v -> null, java.nio.file.Path.of("/base"));

        assertThatThrownBy(() -> TopicAdmin.ensureAll(config, new KafkaCluster(bootstrap, config.kafka())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reach Kafka at " + bootstrap + " to create topics");
    }

    @Test
    void an_unreachable_kafka_is_named_by_the_address_the_clients_were_given() throws Exception {
        String bootstrap = nothingListening();
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "topic-admin-test",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);

        assertThatThrownBy(() -> TopicAdmin.ensure(client, List.of(new NewTopic("t", 1, (short) 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot reach Kafka at " + bootstrap + " to create topics");
    }
}
