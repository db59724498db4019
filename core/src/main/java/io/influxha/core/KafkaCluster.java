package io.influxha.core;

import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka cluster a process talks to: the address its clients use (resolved: in embedded mode
 * {@code kafka.bootstrap_servers} is empty and this is the running broker's) and the
 * {@code kafka.*} settings. Every client of the project gets its properties here, in one order:
 * the address and {@code client.id}, then what the caller needs, then
 * {@code kafka.client_overrides}, so the user always has the last word.
 *
 * <p>A client is named by {@code clientName}; its {@code client.id} is
 * {@code <topic_prefix>-<clientName>}, so every client of one deployment is recognisable in the
 * broker's logs and quotas. Producers and consumers carry bytes: keys and values are encoded by
 * the project's codecs, not by Kafka serializers.
 */
public final class KafkaCluster {
    private final String bootstrapServers;
    private final KafkaSettings settings;

    /**
     * The group membership every writer and router consumer starts with: a member that stops
     * heartbeating loses its partitions after 6 s (Kafka's default is 45 s; 6 s is the least a
     * broker allows by default, {@code group.min.session.timeout.ms}), so a killed node's work
     * moves within seconds (docs/operations.md, "Failover"). {@code kafka.client_overrides} can set
     * both. Longer JVM pauses than the session cost a rebalance, not data.
     */
    public static final Map<String, Object> GROUP_MEMBER_DEFAULTS = Map.of(
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);

    public KafkaCluster(String bootstrapServers, KafkaSettings settings) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The cluster {@code config} names, found with {@link Bootstrap#resolve}; no topic is created.
     *
     * @throws IllegalStateException with a message for the user when no embedded broker runs
     */
    public static KafkaCluster of(InfluxHaConfig config) {
        return new KafkaCluster(Bootstrap.resolve(config), config.kafka());
    }

    /** The address every client is given, the one to name in logs and errors. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /** {@code <topic_prefix>-<clientName>}. */
    public String clientId(String clientName) {
        return settings.topicPrefix() + "-" + clientName;
    }

    /**
     * Address and {@code client.id}, then {@code extra}, then {@code kafka.client_overrides}: for
     * clients configured through one map (an admin, a Kafka Streams app). A new mutable map.
     */
    public Map<String, Object> clientProps(String clientName, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId(clientName));
        props.putAll(extra);
        props.putAll(settings.clientOverrides());
        return props;
    }

    public Map<String, Object> adminProps(String clientName) {
        return clientProps(clientName, Map.of());
    }

    /** A producer of bytes: {@link ByteArraySerializer} for keys and values, then {@code extra}, then the overrides. */
    public Map<String, Object> producerProps(String clientName, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.putAll(extra);
        return clientProps(clientName, props);
    }

    /** A consumer of bytes: {@link ByteArrayDeserializer} for keys and values, then {@code extra}, then the overrides. */
    public Map<String, Object> consumerProps(String clientName, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.putAll(extra);
        return clientProps(clientName, props);
    }

    public Admin admin(String clientName) {
        return Admin.create(adminProps(clientName));
    }

    public Producer<byte[], byte[]> producer(String clientName, Map<String, Object> extra) {
        return new KafkaProducer<>(producerProps(clientName, extra));
    }

    public Consumer<byte[], byte[]> consumer(String clientName, Map<String, Object> extra) {
        return new KafkaConsumer<>(consumerProps(clientName, extra));
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers + ", prefix " + settings.topicPrefix() + "]";
    }
}
