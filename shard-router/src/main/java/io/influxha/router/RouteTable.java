package io.influxha.router;

import io.influxha.core.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which shard topic a measurement goes to. The shard rules are asked once per measurement name;
 * the answer is cached (bounded, so a flood of distinct names costs rule evaluations, not memory).
 * Shared by every stream thread: the cache is concurrent; misses are serialised, which is cheap
 * since they are rare.
 */
final class RouteTable {
    private static final int MAX_CACHED = 100_000;

    private final String prefix;
    private final Function<String, String> shardOf;
    private final Map<String, Target> byShard = new LinkedHashMap<>();
    private final ConcurrentHashMap<String, Target> byMeasurement = new ConcurrentHashMap<>();

    /**
     * @param shardOf measurement name to shard name (ShardRules#shardFor)
     * @param partitionCounts shard name to the partition count of its topic, as read from Kafka
     */
    RouteTable(String prefix, Function<String, String> shardOf, Map<String, Integer> partitionCounts) {
        this.prefix = prefix;
        this.shardOf = shardOf;
        partitionCounts.forEach((shard, count) -> byShard.put(shard, new Target(Topics.shard(prefix, shard), count)));
    }

    Target forMeasurement(String measurement) {
        Target cached = byMeasurement.get(measurement);
        return cached != null ? cached : resolve(measurement);
    }

    /** Every shard topic, in configuration order: where a DDL statement is broadcast. */
    List<Target> all() {
        return List.copyOf(byShard.values());
    }

    String dlqTopic() {
        return Topics.dlq(prefix);
    }

    private synchronized Target resolve(String measurement) {
        String shard = shardOf.apply(measurement);
        Target target = byShard.get(shard);
        if (target == null) {
            throw new IllegalStateException("shard rules chose shard \"" + shard + "\" for measurement \""
                    + measurement + "\" but no partition count is known for topic " + Topics.shard(prefix, shard));
        }
        if (byMeasurement.size() < MAX_CACHED) {
            byMeasurement.put(measurement, target);
        }
        return target;
    }
}
