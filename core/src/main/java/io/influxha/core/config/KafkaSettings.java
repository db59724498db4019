package io.influxha.core.config;

import java.util.Map;

/**
 * @param bootstrapServers empty: use the embedded single-node broker under {@code data_dir/kafka}
 * @param clientOverrides raw Kafka client properties in their dotted names, applied last
 */
public record KafkaSettings(
        String bootstrapServers,
        String topicPrefix,
        int partitions,
        short replicationFactor,
        int minInsyncReplicas,
        Map<String, String> clientOverrides) {

    public boolean embedded() {
        return bootstrapServers.isBlank();
    }
}
