package io.influxha.router;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.testkit.KafkaFixture;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role's start checks the existing topics against the configuration on a real broker:
 * partitions added behind the configuration's back stop it, the documented procedure (add the
 * partitions to every topic, then set kafka.partitions) starts, and a catalog that may delete
 * records stops it.
 */
class TopicCheckIT {
    @TempDir
    Path dir;

    private InfluxHaConfig config(String prefix, int partitions) {
        InfluxHaConfig c = TestConfigs.config(dir, KafkaFixture.bootstrapServers(), prefix, TestConfigs.shards());
        KafkaSettings k = c.kafka();
        return new InfluxHaConfig(c.dataDir(), new KafkaSettings(k.bootstrapServers(), k.topicPrefix(), partitions,
                k.replicationFactor(), k.minInsyncReplicas(), k.clientOverrides()), c.gateway(), c.backends(), c.shards(), c.writer(),
                c.router());
    }

    @Test
    void partitions_added_without_the_configuration_stop_a_role_and_the_procedure_starts_it() throws Exception {
        String prefix = KafkaFixture.uniqueName("topiccheck");
        Startup.kafka(config(prefix, 2)); // creates every topic with 2 partitions
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            admin.createPartitions(Map.of(Topics.ingest(prefix), NewPartitions.increaseTo(4)))
                    .all().get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> Startup.kafka(config(prefix, 2)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("the existing topics do not match the configuration (1 difference):")
                    .hasMessageContaining("topic " + Topics.ingest(prefix) + ": has 4 partitions, kafka.partitions is 2: ");

            // The procedure: every ingest, dead-letter and shard topic to the new count, then kafka.partitions.
            Collection<String> rest = List.of(Topics.dlq(prefix), Topics.shard(prefix, "cpu"), Topics.shard(prefix, "disk"),
                    Topics.shard(prefix, "net"), Topics.shard(prefix, "rest"));
            assertThatThrownBy(() -> Startup.kafka(config(prefix, 4)))
                    .as("only the ingest topic has 4 so far").hasMessageContaining("(4 differences)");
            admin.createPartitions(rest.stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> NewPartitions.increaseTo(4))))
                    .all().get(30, TimeUnit.SECONDS);
            assertThatCode(() -> Startup.kafka(config(prefix, 4))).doesNotThrowAnyException();
        }
    }

    @Test
    void a_catalog_that_may_delete_records_stops_a_role() throws Exception {
        String prefix = KafkaFixture.uniqueName("topiccheck");
        Startup.kafka(config(prefix, 2));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
            ConfigResource catalog = new ConfigResource(ConfigResource.Type.TOPIC, Topics.catalog(prefix));
            admin.incrementalAlterConfigs(Map.of(catalog, List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact,delete"),
                    AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> Startup.kafka(config(prefix, 2)))
                .hasMessageContaining("topic " + Topics.catalog(prefix) + ": has cleanup.policy compact,delete; the catalog must be "
                        + "compacted and never deleted");
    }
}
