package io.influxha.gateway.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** {@link ReadYourWrites.OffsetSource} over Kafka's admin client; each call bounded by 10 s. */
final class KafkaOffsets implements ReadYourWrites.OffsetSource {
    private static final long TIMEOUT_SECONDS = 10;
    private final Admin admin;

    KafkaOffsets(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Map<TopicPartition, Long> ends(List<String> topics) {
        return ends(topics, IsolationLevel.READ_COMMITTED);
    }

    @Override
    public Map<TopicPartition, Long> endsWithOpenTransactions(List<String> topics) {
        return ends(topics, IsolationLevel.READ_UNCOMMITTED);
    }

    private Map<TopicPartition, Long> ends(List<String> topics, IsolationLevel isolation) {
        return call(() -> {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values().forEach(d ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(isolation)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        });
    }

    @Override
    public Map<TopicPartition, Long> committed(String group, List<String> topics) {
        return call(() -> {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, o) -> {
                        if (o != null && topics.contains(tp.topic())) {
                            committed.put(tp, o.offset());
                        }
                    });
            return committed;
        });
    }

    private interface AdminCall<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T call(AdminCall<T> c) {
        try {
            return c.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading Kafka offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read Kafka offsets: " + e, e);
        }
    }
}
