package io.influxha.core;

import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the project's topics when missing. Every role calls {@link #ensureAll} at start, so any
 * of them may be first; a concurrent creation by another instance is not an error.
 *
 * <p>Kafka 4.4 can silently drop the first batch an idempotent producer pipelines into a partition
 * whose leader is not ready yet (KAFKA-15591, fixed in 4.5). So each partition this call creates
 * gets one synchronous {@code noop} record before any role produces to it; consumers skip those.
 */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
    private static final long TIMEOUT_SECONDS = 60;
    private static final byte[] NOOP_KEY = "noop".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private TopicAdmin() {}

    /** Topic name to partition count, for every topic the configuration needs. */
    public static Map<String, Integer> required(InfluxHaConfig config) {
        String prefix = config.kafka().topicPrefix();
        int partitions = config.kafka().partitions();
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.ingest(prefix), partitions);
        topics.put(Topics.dlq(prefix), partitions);
        topics.put(Topics.catalog(prefix), 1); // one partition: one total order of catalog changes
        for (ShardSettings shard : config.shards()) {
            topics.put(Topics.shard(prefix, shard.name()), partitions);
        }
        return topics;
    }

    public static void ensureAll(InfluxHaConfig config, KafkaCluster kafka) {
        Map<String, Object> client = kafka.adminProps("admin");
        List<NewTopic> topics = new ArrayList<>();
        required(config).forEach((name, partitions) -> {
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put("min.insync.replicas", Integer.toString(config.kafka().minInsyncReplicas()));
            if (name.equals(Topics.catalog(config.kafka().topicPrefix()))) {
                configs.put("cleanup.policy", "compact"); // the latest definition of each key, kept forever
            }
            topics.add(new NewTopic(name, partitions, config.kafka().replicationFactor()).configs(configs));
        });
        ensure(client, topics);
    }

    /**
     * Creates those of {@code topics} that do not exist (one created meanwhile by another instance
     * is not an error), then writes the {@code noop} record to every partition of those it created.
     *
     * @param client the client settings (bootstrap servers, client id, overrides) for its admin and warm-up clients
     * @return the topics it created
     */
    public static List<String> ensure(Map<String, Object> client, List<NewTopic> topics) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(props)) {
            List<String> created = create(admin, topics, client);
            if (!created.isEmpty()) {
                warmUp(client, created);
            }
            return created;
        }
    }

    private static List<String> create(Admin admin, List<NewTopic> topics, Map<String, Object> client) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                    NewTopic t = missing.stream().filter(m -> m.name().equals(entry.getKey())).findFirst().orElseThrow();
                    log.info("event=topic_created topic={} partitions={} replication_factor={}", t.name(), t.numPartitions(), t.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " to create topics: " + e, e);
        }
    }

    private static void warmUp(Map<String, Object> client, List<String> topics) {
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, client.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "influxha") + "-warmup");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (String topic : topics) {
                int partitions = producer.partitionsFor(topic).size();
                for (int p = 0; p < partitions; p++) {
                    // keyed, because a compacted topic refuses records without a key
                    ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, p, NOOP_KEY, new byte[0]);
                    RecordHeaders.put(rec.headers(), RecordHeaders.KIND, RecordHeaders.KIND_NOOP);
                    producer.send(rec).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the first record to new topics " + topics + ": " + e, e);
        }
    }
}
