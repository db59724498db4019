package io.influxha.router;

import io.influxha.core.KafkaCluster;
import io.influxha.core.StartupException;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The real partition count of every shard topic, read once at start. Routing hashes series over
 * these counts, not over {@code kafka.partitions}: a topic created earlier with another count (or
 * expanded since) is routed by what it really has. Expanding a topic while the router runs takes
 * effect at its next start.
 */
final class PartitionCounts {
    private static final long TIMEOUT_SECONDS = 60;

    private PartitionCounts() {}

    /** Shard name to the partition count of its topic, in configuration order. */
    static Map<String, Integer> read(InfluxHaConfig config, KafkaCluster kafka) {
        String prefix = config.kafka().topicPrefix();
        List<String> shards = config.shards().stream().map(ShardSettings::name).toList();
        List<String> topics = shards.stream().map(s -> Topics.shard(prefix, s)).toList();
        try (Admin admin = kafka.admin("router-describe")) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < shards.size(); i++) {
                counts.put(shards.get(i), described.get(topics.get(i)).partitions().size());
            }
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while describing shard topics " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StartupException("cannot describe shard topics " + topics + " at " + kafka.bootstrapServers() + ": " + cause, e);
        }
    }
}
