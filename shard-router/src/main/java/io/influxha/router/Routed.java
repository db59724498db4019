package io.influxha.router;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * One output record as the routing processor decided it: the topic, the exact partitions (one for
 * data, all of them for a broadcast DDL, empty for the producer's default) and the bytes to write.
 * Only {@code payload} reaches Kafka; the sink reads {@code topic} and {@code partitions}.
 */
record Routed(String topic, Optional<Set<Integer>> partitions, byte[] payload) {

    /** Sends each record to its {@link #topic()}. */
    static final TopicNameExtractor<byte[], Routed> TOPIC = (key, value, context) -> value.topic();

    /**
     * Routes to exactly the partitions the processor computed from the partition counts read at
     * start. {@code numPartitions} is ignored on purpose: the count is fixed for the life of the
     * router, so a series never moves between partitions while it runs.
     */
    static final StreamPartitioner<byte[], Routed> PARTITIONS = new StreamPartitioner<>() {
        @Override
        public Optional<Set<Integer>> partitions(String topic, byte[] key, Routed value, Headers headers, int numPartitions) {
            return value.partitions();
        }

        @Override
        @Deprecated
        @SuppressWarnings("removal")
        public Optional<Set<Integer>> partitions(String topic, byte[] key, Routed value, int numPartitions) {
            return value.partitions();
        }
    };

    /** Writes the payload only; the router never reads its own output back. */
    static final Serde<Routed> SERDE = Serdes.serdeFrom(
            (Serializer<Routed>) (topic, routed) -> routed == null ? null : routed.payload(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("the router does not read routed records");
            });
}
