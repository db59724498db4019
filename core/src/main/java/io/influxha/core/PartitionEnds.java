package io.influxha.core;

import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.LsoWatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The high watermark and the last stable offset of every partition of the topics a stuck
 * transaction can stop: the project's topics, where the router and the gateway write in
 * transactions, and {@code __consumer_offsets}, where the router's offsets commit in them (a
 * pending transactional offset commit stops the router's own offset fetch). Topics that do not
 * exist yet are skipped. Each call is bounded by 10 s and fails with an
 * {@link IllegalStateException} naming what it read.
 */
public final class PartitionEnds {
    public static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final long TIMEOUT_SECONDS = 10;

    private PartitionEnds() {}

    /** The project's topics, then {@code __consumer_offsets}. */
    public static Set<String> watchedTopics(InfluxHaConfig config) {
        Set<String> topics = new LinkedHashSet<>(TopicAdmin.required(config).keySet());
        topics.add(OFFSETS_TOPIC);
        return topics;
    }

    /** Every existing partition of {@code topics}. */
    public static List<TopicPartition> partitions(Admin admin, Collection<String> topics) {
        try {
            Set<String> existing = new LinkedHashSet<>(topics);
            existing.retainAll(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            List<TopicPartition> partitions = new ArrayList<>();
            if (existing.isEmpty()) {
                return partitions;
            }
            admin.describeTopics(existing).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics " + topics + ": " + e, e);
        }
    }

    /** Both ends of every existing partition of {@code topics}. */
    public static Map<TopicPartition, LsoWatch.Ends> read(Admin admin, Collection<String> topics) {
        List<TopicPartition> partitions = partitions(admin, topics);
        Map<TopicPartition, Long> high = offsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stable = offsets(admin, partitions, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, LsoWatch.Ends> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (high.containsKey(tp) && stable.containsKey(tp)) {
                ends.put(tp, new LsoWatch.Ends(high.get(tp), stable.get(tp)));
            }
        }
        return ends;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        if (request.isEmpty()) {
            return out;
        }
        try {
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the " + isolation + " ends of " + partitions.size() + " partitions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the " + isolation + " ends of " + partitions.size() + " partitions: " + e, e);
        }
    }
}
