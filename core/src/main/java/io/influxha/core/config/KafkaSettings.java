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

    /** The defaults of every {@code kafka.*} key: embedded broker, prefix influxha, 6 partitions, one copy. */
    public static KafkaSettings defaults() {
        return new KafkaSettings("", "influxha", 6, (short) 1, 1, Map.of());
    }

    public boolean embedded() {
        return bootstrapServers.isBlank();
    }
}
