package io.influxha.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The one reader of Kafka offsets, over an {@link Admin}: a group's committed offsets, the ends of
 * partitions ({@code read_committed}: the last stable offset; or the high watermark, open
 * transactions included), their log starts, and from these a group's lag per partition as
 * DESIGN.md §1 defines it. Each call is bounded by 10 s and fails with an
 * {@link IllegalStateException} naming what it read.
 */
public final class OffsetsReader {
    private static final long TIMEOUT_SECONDS = 10;
    private final Admin admin;

    public OffsetsReader(Admin admin) {
        this.admin = admin;
    }

    /**
     * One partition's position. {@code committed} is the next offset the group will read;
     * {@code logStart} the oldest offset retention kept (a committed offset below it means records
     * the group never read were deleted).
     */
    public record PartitionLag(TopicPartition partition, long committed, long end, long logStart) {
        public long lag() {
            return Math.max(0, end - committed);
        }
    }

    /** Every partition of the topics. */
    public List<TopicPartition> partitions(List<String> topics) {
        return call("the partitions of " + topics, () -> {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            return partitions;
        });
    }

    /** The group's committed offsets in the topics; a partition it never committed is absent. */
    public Map<TopicPartition, Long> committed(String group, List<String> topics) {
        return call("the offsets group " + group + " committed", () -> {
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            all.forEach((tp, o) -> {
                if (o != null && topics.contains(tp.topic())) {
                    committed.put(tp, o.offset());
                }
            });
            return committed;
        });
    }

    /** The {@code read_committed} end (last stable offset) of every partition of the topics. */
    public Map<TopicPartition, Long> ends(List<String> topics) {
        return offsets(partitions(topics), OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
    }

    /** The end of every partition of the topics, records of open transactions included (the high watermark). */
    public Map<TopicPartition, Long> endsWithOpenTransactions(List<String> topics) {
        return offsets(partitions(topics), OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * The group's lag per partition of the topics: its committed offset against the
     * {@code read_committed} end. A partition the group never committed counts from the log start,
     * since the group will start there ({@code auto.offset.reset=earliest}).
     */
    public List<PartitionLag> lag(String groupId, List<String> topics) {
        List<TopicPartition> partitions = partitions(topics);
        Map<TopicPartition, Long> committed = committed(groupId, topics);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), IsolationLevel.READ_COMMITTED);
        List<PartitionLag> result = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long start = starts.get(tp);
            result.add(new PartitionLag(tp, committed.getOrDefault(tp, start), ends.get(tp), start));
        }
        return result;
    }

    /** Total lag in records of the group over the topics. */
    public long totalLag(String groupId, List<String> topics) {
        return lag(groupId, topics).stream().mapToLong(PartitionLag::lag).sum();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation) {
        return call("offsets of " + partitions.size() + " partitions", () -> {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(tp -> request.put(tp, spec));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        });
    }

    private static <T> T call(String what, AdminCalls.Call<T> c) {
        return AdminCalls.get(what, TIMEOUT_SECONDS, c);
    }
}
