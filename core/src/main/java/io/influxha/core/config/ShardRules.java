package io.influxha.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which shard owns a measurement. Patterns are tried in configuration order (shard by shard, each
 * shard's list in order) and the first match wins; a measurement nothing matches goes to the
 * default shard, the one listing {@code *}, wherever that shard stands.
 *
 * <p>Called per record by the router, so it is cheap: exact names are one hash lookup, and the
 * answers that needed globs or regexes are cached. Thread-safe.
 */
public final class ShardRules {
    /** Bounds memory when measurement names are unbounded (e.g. generated); a full cache is cleared. */
    static final int CACHE_LIMIT = 100_000;

    private final List<String> shardNames;
    private final String defaultShard;
    /** Exact name to the index of the first rule naming it. */
    private final Map<String, Integer> exact = new HashMap<>();
    /** Rule index to the shard that rule belongs to. */
    private final List<String> ruleShards = new ArrayList<>();
    private final List<Rule> patterns = new ArrayList<>();
    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    private record Rule(int index, MeasurementPattern pattern, String shard) {}

    private ShardRules(List<ShardSettings> shards) {
        List<String> names = new ArrayList<>();
        String fallback = null;
        int index = 0;
        for (ShardSettings shard : shards) {
            names.add(shard.name());
            for (String text : shard.measurements()) {
                MeasurementPattern pattern = MeasurementPattern.parse(text);
                switch (pattern.kind()) {
                    case DEFAULT -> fallback = fallback == null ? shard.name() : fallback;
                    case EXACT -> exact.putIfAbsent(text, index);
                    default -> patterns.add(new Rule(index, pattern, shard.name()));
                }
                ruleShards.add(shard.name());
                index++;
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("no default shard: no shard lists \"*\" in its measurements");
        }
        this.shardNames = List.copyOf(names);
        this.defaultShard = fallback;
    }

    /** @throws IllegalArgumentException when no shard lists {@code *} or a pattern is invalid (never for a loaded config) */
    public static ShardRules of(List<ShardSettings> shards) {
        return new ShardRules(shards);
    }

    public static ShardRules of(InfluxHaConfig config) {
        return new ShardRules(config.shards());
    }

    /** The name of the shard that owns {@code measurement}. */
    public String shardFor(String measurement) {
        Integer exactIndex = exact.get(measurement);
        int limit = exactIndex == null ? Integer.MAX_VALUE : exactIndex;
        if (patterns.isEmpty() || patterns.get(0).index() > limit) {
            return exactIndex == null ? defaultShard : ruleShards.get(exactIndex);
        }
        String cached = cache.get(measurement);
        if (cached != null) {
            return cached;
        }
        String shard = exactIndex == null ? defaultShard : ruleShards.get(exactIndex);
        for (Rule rule : patterns) {
            if (rule.index() > limit) {
                break;
            }
            if (rule.pattern().matches(measurement)) {
                shard = rule.shard();
                break;
            }
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(measurement, shard);
        return shard;
    }

    /** Every shard, in configuration order. */
    public List<String> shardNames() {
        return shardNames;
    }

    /** The shard listing {@code *}: it takes every measurement no other pattern matches. */
    public String defaultShard() {
        return defaultShard;
    }
}
