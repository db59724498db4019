package io.influxha.router;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.RouterSettings;
import io.influxha.core.config.Secret;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.config.WriterSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A validated-shape configuration built directly, so router tests do not depend on YAML loading. */
final class TestConfigs {
    private TestConfigs() {}

    /** Four shards: exact {@code cpu}, regex {@code /^disk_.+$/}, glob {@code net*}, default {@code *}. */
    static List<ShardSettings> shards() {
        return List.of(
                new ShardSettings("cpu", List.of("a"), List.of("cpu")),
                new ShardSettings("disk", List.of("a"), List.of("/^disk_.+$/")),
                new ShardSettings("net", List.of("a"), List.of("net*")),
                new ShardSettings("rest", List.of("a"), List.of("*")));
    }

    static InfluxHaConfig config(Path dataDir, String bootstrap, String prefix, List<ShardSettings> shards) {
        return new InfluxHaConfig(
                dataDir,
                new KafkaSettings(bootstrap, prefix, 2, (short) 1, 1, Map.of()),
                new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(25L << 20), Duration.ofSeconds(10)),
                List.of(new BackendSettings("a", URI.create("http://127.0.0.1:18086"), false,
                        Duration.ofSeconds(5), Duration.ofSeconds(30), "", Secret.NONE)),
                shards,
                new WriterSettings(5000, new DataSize(4L << 20), Duration.ofSeconds(1),
                        Duration.ofMillis(100), Duration.ofSeconds(10)),
                new RouterSettings(1, Duration.ofMillis(100)));
    }
}
