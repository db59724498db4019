package io.influxha.router;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.RouterSettings;
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
                GatewaySettings.defaults(),
                List.of(BackendSettings.of("a", URI.create("http://127.0.0.1:18086"))),
                shards,
                WriterSettings.defaults(),
                new RouterSettings(1, Duration.ofMillis(100)));
    }
}
