package io.influxha.core;

import io.influxha.core.config.InfluxHaConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the project's existing topics with the configuration, at every role's start, and says
 * exactly what differs. Refused (the role does not start): a partition count other than
 * configured (the gateway and the router place a series by the count, so a changed count spreads
 * one series over two partitions whose records the writers apply in either order; adding
 * partitions has a procedure, docs/operations.md), fewer copies or fewer in-sync replicas than
 * configured (a 2xx would promise more than the topic keeps), and a catalog that is not compacted
 * only (its records must never expire). More copies or in-sync replicas than configured are only
 * reported.
 */
public final class TopicCheck {
    private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);
    private static final long TIMEOUT_SECONDS = 60;
    static final String PARTITIONS_PROCEDURE = "docs/operations.md#adding-partitions";

    /** What an existing topic has. {@code minInsyncReplicas} and {@code cleanupPolicy} null when not known. */
    record Found(int partitions, int replicationFactor, Integer minInsyncReplicas, String cleanupPolicy) {}

    /** One difference; {@code refused} ones stop the role. */
    record Difference(String topic, String what, boolean refused) {}

    private TopicCheck() {}

    /**
     * Describes the existing topics the configuration needs, logs every difference and throws when
     * one is refused.
     *
     * @throws IllegalStateException naming every refused difference, or when Kafka cannot be asked
     */
    public static void verify(InfluxHaConfig config, KafkaCluster kafka) {
        List<Difference> differences = compare(config, describe(kafka, TopicAdmin.required(config).keySet()));
        List<String> refused = new ArrayList<>();
        for (Difference d : differences) {
            if (d.refused()) {
                refused.add("topic " + d.topic() + ": " + d.what());
            } else {
                log.warn("event=topic_differs topic={} difference=\"{}\"", d.topic(), d.what());
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("the existing topics do not match the configuration (" + refused.size()
                    + (refused.size() == 1 ? " difference" : " differences") + "):\n  " + String.join("\n  ", refused));
        }
    }

    /** The differences between what exists ({@code found}, by topic; missing topics absent) and the configuration. */
    static List<Difference> compare(InfluxHaConfig config, Map<String, Found> found) {
        String prefix = config.kafka().topicPrefix();
        String catalog = Topics.catalog(prefix);
        String dlq = Topics.dlq(prefix);
        int rf = config.kafka().replicationFactor();
        int minIsr = config.kafka().minInsyncReplicas();
        List<Difference> out = new ArrayList<>();
        TopicAdmin.required(config).forEach((topic, partitions) -> {
            Found f = found.get(topic);
            if (f == null) {
                return;
            }
            if (f.partitions() != partitions) {
                if (topic.equals(catalog)) {
                    out.add(new Difference(topic, "has " + f.partitions() + " partitions; the catalog must have exactly 1 "
                            + "(one order of all catalog changes): recreate it with 1 partition", true));
                } else if (topic.equals(dlq)) {
                    out.add(new Difference(topic, "has " + f.partitions() + " partitions, kafka.partitions is " + partitions
                            + " (dead letters keep their order per partition either way)", false));
                } else {
                    out.add(new Difference(topic, "has " + f.partitions() + " partitions, kafka.partitions is " + partitions
                            + ": a series would be placed by another count than its earlier records, and the writers could apply "
                            + "them out of order; set kafka.partitions to " + f.partitions() + ", or add partitions as "
                            + PARTITIONS_PROCEDURE + " describes", true));
                }
            }
            if (f.replicationFactor() < rf) {
                out.add(new Difference(topic, "has " + f.replicationFactor() + (f.replicationFactor() == 1 ? " copy" : " copies")
                        + ", kafka.replication_factor is " + rf + ": add replicas (kafka-reassign-partitions.sh) or lower "
                        + "kafka.replication_factor", true));
            } else if (f.replicationFactor() > rf) {
                out.add(new Difference(topic, "has " + f.replicationFactor() + " copies, more than kafka.replication_factor " + rf,
                        false));
            }
            Integer isr = f.minInsyncReplicas();
            if (isr != null && isr < minIsr) {
                out.add(new Difference(topic, "has min.insync.replicas " + isr + ", kafka.min_insync_replicas is " + minIsr
                        + ": a write would be acknowledged with fewer copies than configured; raise it (kafka-configs.sh --alter "
                        + "--entity-type topics --entity-name " + topic + " --add-config min.insync.replicas=" + minIsr
                        + ") or lower kafka.min_insync_replicas", true));
            } else if (isr != null && isr > minIsr) {
                out.add(new Difference(topic, "has min.insync.replicas " + isr + ", more than kafka.min_insync_replicas " + minIsr,
                        false));
            }
            if (topic.equals(catalog) && f.cleanupPolicy() != null && !f.cleanupPolicy().equals("compact")) {
                out.add(new Difference(topic, "has cleanup.policy " + f.cleanupPolicy() + "; the catalog must be compacted and "
                        + "never deleted (cleanup.policy=compact), or databases and statements are forgotten", true));
            }
        });
        return out;
    }

    private static Map<String, Found> describe(KafkaCluster kafka, java.util.Set<String> topics) {
        try (Admin admin = kafka.admin("topic-check")) {
            java.util.Set<String> existing = new java.util.HashSet<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            existing.retainAll(topics);
            if (existing.isEmpty()) {
                return Map.of();
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(existing).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<ConfigResource> resources = existing.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Found> found = new LinkedHashMap<>();
            descriptions.forEach((name, d) -> {
                Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                found.put(name, new Found(d.partitions().size(), d.partitions().get(0).replicas().size(),
                        intValue(c, "min.insync.replicas"), value(c, "cleanup.policy")));
            });
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the topics at " + kafka.bootstrapServers() + " to check them: " + e, e);
        }
    }

    private static String value(Config c, String name) {
        ConfigEntry e = c == null ? null : c.get(name);
        return e == null ? null : e.value();
    }

    private static Integer intValue(Config c, String name) {
        String v = value(c, name);
        try {
            return v == null ? null : Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
