package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy/'s configurations load as the compose containers read them: no variable set, every default taken. */
class DeployConfigTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    private static InfluxHaConfig asInTheContainer(String file) throws IOException {
        return ConfigLoader.parse(Files.readString(DEPLOY.resolve(file)), name -> null, Path.of("/opt/influx-ha"));
    }

    @Test
    void the_single_broker_configuration_points_at_the_compose_services() throws IOException {
        InfluxHaConfig config = asInTheContainer("influx-ha.yaml");

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.gateway().listen()).hasToString("0.0.0.0:8086");
        assertThat(config.backends()).extracting(b -> b.url()).containsExactly(URI.create("http://influxdb-a:8086"), URI.create("http://influxdb-b:8086"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/influx-ha"));
    }

    @Test
    void the_cluster_configuration_points_at_three_brokers_with_three_copies_two_in_sync() throws IOException {
        InfluxHaConfig config = asInTheContainer("influx-ha.cluster.yaml");

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        assertThat(config.kafka().replicationFactor()).isEqualTo((short) 3);
        assertThat(config.kafka().minInsyncReplicas()).isEqualTo(2);
        assertThat(config.backends()).extracting(b -> b.url()).containsExactly(URI.create("http://influxdb-a:8086"), URI.create("http://influxdb-b:8086"));
    }
}
