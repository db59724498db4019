package io.influxha.gateway.query;

import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.ShardSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Routers over fake backends with lag set by the test, for tests outside this package. */
public final class TestRouters {
    /** Lag per "backend/shard"; absent is 0. */
    public final Map<String, Long> lags = new ConcurrentHashMap<>();
    public final QueryRouter router;

    public TestRouters(List<BackendSettings> backends, List<ShardSettings> shards, long maxReadLag) {
        router = QueryRouter.of(backends, shards, maxReadLag, (b, s) -> lags.getOrDefault(b + "/" + s, 0L));
    }

    /** Read-your-writes over in-memory offsets: {@link #ends} and {@link #committed} per topic (one partition each). */
    public final Map<String, Long> ends = new ConcurrentHashMap<>();
    /** Committed offset per "group/topic". */
    public final Map<String, Long> committed = new ConcurrentHashMap<>();
    /** Calls to committed(), so a test can see the wait polled. */
    public final java.util.concurrent.atomic.AtomicInteger committedReads = new java.util.concurrent.atomic.AtomicInteger();

    public void enableReadYourWrites(String prefix) {
        router.readYourWrites(new ReadYourWrites(prefix, new ReadYourWrites.OffsetSource() {
            @Override
            public Map<org.apache.kafka.common.TopicPartition, Long> ends(List<String> topics) {
                Map<org.apache.kafka.common.TopicPartition, Long> m = new java.util.HashMap<>();
                topics.forEach(t -> m.put(new org.apache.kafka.common.TopicPartition(t, 0), ends.getOrDefault(t, 0L)));
                return m;
            }

            @Override
            public Map<org.apache.kafka.common.TopicPartition, Long> committed(String group, List<String> topics) {
                committedReads.incrementAndGet();
                Map<org.apache.kafka.common.TopicPartition, Long> m = new java.util.HashMap<>();
                topics.forEach(t -> {
                    Long c = committed.get(group + "/" + t);
                    if (c != null) {
                        m.put(new org.apache.kafka.common.TopicPartition(t, 0), c);
                    }
                });
                return m;
            }
        }, 5));
    }

    /** Sets gateway.max_merge_size. */
    public void maxMergeSize(io.influxha.core.config.DataSize size) {
        router.maxMergeSize(size);
    }

    public void markDown(String backend) {
        router.replicas().markHealthy(backend, false, "test");
    }
}
