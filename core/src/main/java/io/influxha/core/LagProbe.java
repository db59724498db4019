package io.influxha.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind, per partition: the group's committed offset against the
 * partition's {@code read_committed} end (last stable offset), as DESIGN.md §1 defines lag. A
 * partition the group never committed counts from the log start, since the group will start there
 * ({@code auto.offset.reset=earliest}).
 */
public final class LagProbe {
    private static final long TIMEOUT_SECONDS = 10;
    private final Admin admin;

    public LagProbe(Admin admin) {
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

    public List<PartitionLag> lag(String groupId, List<String> topics) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
            List<PartitionLag> result = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long position = c != null ? c.offset() : starts.get(tp).offset();
                result.add(new PartitionLag(tp, position, ends.get(tp).offset(), starts.get(tp).offset()));
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading lag of group " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read lag of group " + groupId + ": " + e, e);
        }
    }

    /** Total lag in records of the group over the topics. */
    public long totalLag(String groupId, List<String> topics) {
        return lag(groupId, topics).stream().mapToLong(PartitionLag::lag).sum();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
