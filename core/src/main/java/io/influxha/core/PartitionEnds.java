package io.influxha.core;

import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.LsoWatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The high watermark and the last stable offset of every partition of the topics a stuck
 * transaction can stop: the project's topics, where the router and the gateway write in
 * transactions, and {@code __consumer_offsets}, where the router's offsets commit in them (a
 * pending transactional offset commit stops the router's own offset fetch). Topics that do not
 * exist yet are skipped. Each call is bounded by 10 s; listing the partitions fails with an
 * {@link IllegalStateException} naming what it read, the ends are read per partition.
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

    /** One read of both ends: the partitions read, and those whose leader did not answer, with why. */
    public record Read(Map<TopicPartition, LsoWatch.Ends> ends, Map<TopicPartition, String> unreadable) {}

    /**
     * Both ends of every existing partition of {@code topics}, each partition on its own: one
     * whose leader fails or does not answer within 10 s is named in {@link Read#unreadable}, the
     * others are read.
     */
    public static Read read(Admin admin, Collection<String> topics) {
        List<TopicPartition> partitions = partitions(admin, topics);
        Map<TopicPartition, String> unreadable = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        Map<TopicPartition, Long> high = offsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED, unreadable);
        Map<TopicPartition, Long> stable = offsets(admin, partitions, IsolationLevel.READ_COMMITTED, unreadable);
        Map<TopicPartition, LsoWatch.Ends> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            if (high.containsKey(tp) && stable.containsKey(tp)) {
                ends.put(tp, new LsoWatch.Ends(high.get(tp), stable.get(tp)));
            }
        }
        return new Read(ends, unreadable);
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, IsolationLevel isolation,
            Map<TopicPartition, String> unreadable) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        if (request.isEmpty()) {
            return out;
        }
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions(isolation));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (TopicPartition tp : partitions) {
            try {
                out.put(tp, result.partitionResult(tp).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).offset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the " + isolation + " end of " + tp, e);
            } catch (ExecutionException e) {
                unreadable.putIfAbsent(tp, "cannot read its " + isolation + " end: " + e.getCause());
            } catch (TimeoutException e) {
                unreadable.putIfAbsent(tp, "its " + isolation + " end: no answer within " + TIMEOUT_SECONDS + " s");
            }
        }
        return out;
    }
}
