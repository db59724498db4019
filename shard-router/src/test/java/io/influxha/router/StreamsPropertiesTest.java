package io.influxha.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.KafkaCluster;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The router's Streams settings: its address, ids and overrides come from the cluster, applied last. */
class StreamsPropertiesTest {
    @Test
    void the_application_and_client_id_are_the_routers_and_overrides_win() {
        var base = TestConfigs.config(Path.of("/data"), "", "p", TestConfigs.shards());
        var settings = new KafkaSettings("", "p", 2, (short) 1, 1,
                Map.of("producer.linger.ms", "50", "session.timeout.ms", "10000"));
        var config = new InfluxHaConfig(base.dataDir(), settings, base.gateway(), base.backends(),
                base.shards(), base.writer(), base.router());

        Properties props = StreamsProperties.of(config, new KafkaCluster("broker:9092", settings));

        assertThat(props).containsEntry("bootstrap.servers", "broker:9092").containsEntry("client.id", "p-router")
                .containsEntry("application.id", "p-router").containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("producer.linger.ms", "50").containsEntry("producer.compression.type", "lz4")
                .containsEntry("replication.factor", 1)
                .containsEntry("state.dir", Path.of("/data").resolve("router-state").toString());
        assertThat(props).hasSize(21);
        assertThat(props).as("a killed router's work moves within seconds; the user's overrides still win")
                .containsEntry("session.timeout.ms", "10000").containsEntry("heartbeat.interval.ms", 2_000)
                .containsEntry("transaction.timeout.ms", 5_000);
    }
}
