package io.influxha.testkit;

import io.influxha.core.TopicAdmin;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates test topics (replication factor 1) the way the roles create theirs ({@link TopicAdmin}):
 * a topic that exists is kept, and every partition created gets one {@code noop} record before a
 * test produces (KAFKA-15591). Consumers of the project skip {@code noop} records.
 */
final class TopicSetup {
    private TopicSetup() {}

    static void create(String bootstrap, Map<String, Integer> nameToPartitions) {
        List<NewTopic> topics = nameToPartitions.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
        TopicAdmin.ensure(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, AdminClientConfig.CLIENT_ID_CONFIG, "influxha-test-topics"),
                topics);
    }
}
