package io.influxha.core.config;

import io.influxha.core.TopicAdmin;
import io.influxha.core.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The summary {@code check-config} prints for a valid configuration: where data and Kafka live,
 * the gateway, each backend with the shards it replicates, each shard with its rules, the topics.
 * Secrets and client override values are never printed.
 */
public final class ConfigReport {
    private ConfigReport() {}

    public static List<String> lines(InfluxHaConfig config) {
        List<String> lines = new ArrayList<>();
        KafkaSettings kafka = config.kafka();
        lines.add("data_dir: " + config.dataDir());
        lines.add("kafka: " + (kafka.embedded() ? "embedded single-node broker in " + config.dataDir().resolve("kafka")
                : kafka.bootstrapServers()) + ", replication_factor " + kafka.replicationFactor()
                + ", min_insync_replicas " + kafka.minInsyncReplicas()
                + (kafka.clientOverrides().isEmpty() ? "" : ", client_overrides: "
                        + String.join(", ", kafka.clientOverrides().keySet().stream().sorted().toList())));
        GatewaySettings gateway = config.gateway();
        lines.add("gateway: listen " + gateway.listen() + ", max_body_size " + gateway.maxBodySize().format()
                + ", publish_timeout " + Durations.format(gateway.publishTimeout())
                + (gateway.auth().enabled() ? ", auth enabled for " + gateway.auth().users().size() + " user(s)" : ""));
        for (BackendSettings b : config.backends()) {
            lines.add("backend " + b.name() + ": " + b.url() + (b.gzip() ? " gzip" : "")
                    + (b.username().isEmpty() ? "" : " as " + b.username())
                    + ", replicates " + String.join(", ", config.shardsOf(b.name()).stream().map(ShardSettings::name).toList())
                    + ", consumer group " + Topics.writerGroup(kafka.topicPrefix(), b.name()));
        }
        String defaultShard = ShardRules.of(config).defaultShard();
        for (ShardSettings s : config.shards()) {
            lines.add("shard " + s.name() + (s.name().equals(defaultShard) ? " (default)" : "") + ": replicas "
                    + String.join(", ", s.replicas()) + "; measurements " + String.join(", ", s.measurements()));
        }
        for (Map.Entry<String, Integer> topic : TopicAdmin.required(config).entrySet()) {
            boolean catalog = topic.getKey().equals(io.influxha.core.Topics.catalog(config.kafka().topicPrefix()));
            lines.add("topic " + topic.getKey() + ": " + topic.getValue() + (topic.getValue() == 1 ? " partition" : " partitions")
                    + (catalog ? ", compacted" : ""));
        }
        return lines;
    }
}
