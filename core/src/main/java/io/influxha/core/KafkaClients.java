package io.influxha.core;

import io.influxha.core.config.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Client properties every role starts from: the bootstrap address and the user's
 * {@code kafka.client_overrides}, which are applied last by {@link #withOverrides}.
 */
public final class KafkaClients {
    private KafkaClients() {}

    /** Base properties for a client of the cluster at {@code bootstrapServers}. */
    public static Map<String, Object> base(String bootstrapServers, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** Applies {@code kafka.client_overrides} over {@code props}; the user always has the last word. */
    public static Map<String, Object> withOverrides(Map<String, Object> props, KafkaSettings kafka) {
        Map<String, Object> merged = new HashMap<>(props);
        merged.putAll(kafka.clientOverrides());
        return merged;
    }
}
