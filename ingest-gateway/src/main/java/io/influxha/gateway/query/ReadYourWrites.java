package io.influxha.gateway.query;

import io.influxha.core.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The read-your-writes wait (opt-in per request). A write acknowledged before the request is in
 * the ingest topic; it reaches a replica in two hops, and each hop is waited for separately:
 * <ol>
 * <li>the router's group has committed past the ingest topic's end offsets as of the request;</li>
 * <li>then the chosen replica's writer group has committed past the shard topic's
 *     {@code read_committed} end offsets as of that moment.</li>
 * </ol>
 * Offsets are polled every {@code pollMillis} until the deadline; a partition never written
 * (end 0) needs nothing.
 */
final class ReadYourWrites {
    /** The offsets the wait compares; Kafka's admin client in production, fakes in tests. */
    interface OffsetSource {
        /** read_committed end offset of every partition of the topics. */
        Map<TopicPartition, Long> ends(List<String> topics);

        /** End offset of every partition of the topics, records of open transactions included (the high watermark). */
        default Map<TopicPartition, Long> endsWithOpenTransactions(List<String> topics) {
            return ends(topics);
        }

        /** The group's committed offsets; a partition it never committed is absent. */
        Map<TopicPartition, Long> committed(String group, List<String> topics);

        /** Kafka's offsets, read by the project's one reader. */
        static OffsetSource of(io.influxha.core.OffsetsReader reader) {
            return new OffsetSource() {
                @Override
                public Map<TopicPartition, Long> ends(List<String> topics) {
                    return reader.ends(topics);
                }

                @Override
                public Map<TopicPartition, Long> endsWithOpenTransactions(List<String> topics) {
                    return reader.endsWithOpenTransactions(topics);
                }

                @Override
                public Map<TopicPartition, Long> committed(String group, List<String> topics) {
                    return reader.committed(group, topics);
                }
            };
        }
    }

    private final String prefix;
    private final OffsetSource offsets;
    private final long pollMillis;

    ReadYourWrites(String prefix, OffsetSource offsets, long pollMillis) {
        this.prefix = prefix;
        this.offsets = offsets;
        this.pollMillis = pollMillis;
    }

    /** Step 1; false when the deadline ({@link System#nanoTime()}) passed first. */
    boolean awaitRouter(long deadlineNanos) throws InterruptedException {
        List<String> ingest = List.of(Topics.ingest(prefix));
        return await(Topics.routerApplicationId(prefix), ingest, offsets.ends(ingest), deadlineNanos);
    }

    /**
     * As step 1, past every record in the ingest topic now, those of transactions still open
     * included (they end within the transaction timeout); false when the deadline passed first.
     */
    boolean awaitRouterPastOpenTransactions(long deadlineNanos) throws InterruptedException {
        List<String> ingest = List.of(Topics.ingest(prefix));
        return await(Topics.routerApplicationId(prefix), ingest, offsets.endsWithOpenTransactions(ingest), deadlineNanos);
    }

    /** Step 2 for one replica of one shard; false when the deadline passed first. */
    boolean awaitWriter(String backend, String shard, long deadlineNanos) throws InterruptedException {
        List<String> topic = List.of(Topics.shard(prefix, shard));
        return await(Topics.writerGroup(prefix, backend), topic, offsets.ends(topic), deadlineNanos);
    }

    private boolean await(String group, List<String> topics, Map<TopicPartition, Long> target, long deadlineNanos)
            throws InterruptedException {
        while (true) {
            if (reached(offsets.committed(group, topics), target)) {
                return true;
            }
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                return false;
            }
            Thread.sleep(Math.min(pollMillis, leftMillis));
        }
    }

    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (e.getValue() > 0 && committed.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
