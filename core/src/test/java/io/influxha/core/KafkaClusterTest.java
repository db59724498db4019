package io.influxha.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.RouterSettings;
import io.influxha.core.config.WriterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client properties: address, client id, the caller's settings, then the user's overrides. */
class KafkaClusterTest {
    private static final KafkaSettings SETTINGS =
            new KafkaSettings("", "p", 3, (short) 1, 1, Map.of("acks", "1", "max.poll.records", "77"));
    private final KafkaCluster cluster = new KafkaCluster("broker:9092", SETTINGS);

    @Test
    void every_client_gets_the_resolved_address_and_a_client_id_under_the_topic_prefix() {
        assertThat(cluster.adminProps("lag"))
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("client.id", "p-lag");
    }

    @Test
    void the_callers_settings_come_after_the_base_and_the_client_overrides_after_both() {
        Map<String, Object> props = cluster.producerProps("gateway", Map.of("acks", "all", "linger.ms", 5));

        assertThat(props).containsEntry("acks", "1").containsEntry("linger.ms", 5)
                .containsEntry("key.serializer", ByteArraySerializer.class)
                .containsEntry("value.serializer", ByteArraySerializer.class);
    }

    @Test
    void consumers_read_bytes_and_take_the_overrides_last() {
        Map<String, Object> props = cluster.consumerProps("dlq-tool", Map.of("max.poll.records", 1));

        assertThat(props).containsEntry("max.poll.records", "77").containsEntry("client.id", "p-dlq-tool")
                .containsEntry("key.deserializer", ByteArrayDeserializer.class)
                .containsEntry("value.deserializer", ByteArrayDeserializer.class);
    }

    @Test
    void the_properties_are_a_fresh_mutable_map_each_time() {
        Map<String, Object> first = cluster.clientProps("router", Map.of());
        first.put("client.id", "changed");

        assertThat(cluster.clientProps("router", Map.of())).containsEntry("client.id", "p-router");
    }

    @Test
    void embedded_mode_without_a_running_broker_is_refused_with_the_file_it_looked_in(@TempDir Path dataDir) {
        InfluxHaConfig config = embedded(dataDir);

        assertThatThrownBy(() -> KafkaCluster.of(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Bootstrap.file(dataDir).toString());
    }

    @Test
    void embedded_mode_uses_the_address_the_broker_wrote(@TempDir Path dataDir) throws Exception {
        Bootstrap.write(dataDir, "127.0.0.1:40123");
        InfluxHaConfig config = embedded(dataDir);

        KafkaCluster resolved = KafkaCluster.of(config);

        assertThat(resolved.bootstrapServers()).isEqualTo("127.0.0.1:40123");
        assertThat(resolved.adminProps("admin")).containsEntry("bootstrap.servers", "127.0.0.1:40123");
    }

    private static InfluxHaConfig embedded(Path dataDir) {
        return new InfluxHaConfig(dataDir, KafkaSettings.defaults(), GatewaySettings.defaults(), List.of(), List.of(),
                WriterSettings.defaults(), RouterSettings.defaults());
    }
}
