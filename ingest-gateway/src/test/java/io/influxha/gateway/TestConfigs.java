package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.RouterSettings;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.config.WriterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A whole configuration for ITs: the gateway on a free port, the given topic prefix and Kafka address. */
final class TestConfigs {
    private TestConfigs() {}

    /**
     * Creates {@code <prefix>.catalog} and records the databases in it, as the gateway does when a
     * client sends CREATE DATABASE: writes to other databases answer 404. {@code "db/week"} also
     * records a policy {@code week} besides the database's autogen: writes to other policies answer 500.
     */
    static void catalogHas(String bootstrapServers, String prefix, String... databases) {
        io.influxha.testkit.KafkaFixture.createTopics(Map.of(io.influxha.core.Topics.catalog(prefix), 1));
        KafkaSettings kafka = new KafkaSettings(bootstrapServers, prefix, 1, (short) 1, 1, Map.of());
        List<CatalogEntry> entries = new java.util.ArrayList<>();
        for (String name : databases) {
            String db = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            CatalogEntry entry = CatalogEntry.database(db, "CREATE DATABASE \"" + db + "\"", "autogen");
            entries.add(entry);
            if (name.contains("/")) {
                String rp = name.substring(name.indexOf('/') + 1);
                entries.add(CatalogEntry.retentionPolicy(db, rp,
                        List.of("CREATE RETENTION POLICY \"" + rp + "\" ON \"" + db + "\" DURATION INF REPLICATION 1"), entry.incarnation()));
            }
        }
        try (io.influxha.core.catalog.CatalogPublisher catalog = io.influxha.core.catalog.CatalogPublisher.create(new KafkaCluster(bootstrapServers, kafka), "test")) {
            catalog.publish(entries, Duration.ofSeconds(30));
        }
    }

    /** A gateway over {@link #gateway}'s configuration, its clients pointed at {@code bootstrapServers}. */
    static Gateway startGateway(String bootstrapServers, String prefix, Duration publishTimeout, Map<String, String> overrides) {
        InfluxHaConfig config = gateway(bootstrapServers, prefix, publishTimeout, overrides);
        return Gateway.start(config, new KafkaCluster(bootstrapServers, config.kafka()));
    }

    static InfluxHaConfig gateway(String bootstrapServers, String prefix, Duration publishTimeout, Map<String, String> overrides) {
        return new InfluxHaConfig(
                Path.of("target", "data"),
                new KafkaSettings(bootstrapServers, prefix, 3, (short) 1, 1, overrides),
                new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(25_000_000), publishTimeout),
                List.of(),
                List.of(new ShardSettings("main", List.of(), List.of("*"))),
                new WriterSettings(5000, new DataSize(1 << 20), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10)),
                new RouterSettings(1, Duration.ofMillis(100)));
    }
}
