package io.influxha.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The whole validated configuration. Built only by {@link ConfigLoader}; every field is non-null. */
public record InfluxHaConfig(
        Path dataDir,
        KafkaSettings kafka,
        GatewaySettings gateway,
        List<BackendSettings> backends,
        List<ShardSettings> shards,
        WriterSettings writer,
        RouterSettings router) {

    public Optional<BackendSettings> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** Shards that the named backend replicates, in configuration order. */
    public List<ShardSettings> shardsOf(String backend) {
        return shards.stream().filter(s -> s.replicas().contains(backend)).toList();
    }
}
