package io.influxha.core.config;

import static io.influxha.core.config.Field.required;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code shards:}: names unique and usable in a topic name, replicas listed once each,
 * measurement patterns valid and each listed once, exactly one default shard (pattern {@code *}).
 * Whether replicas name existing backends is checked later, when both lists are known.
 */
final class ShardsSection {
    private static final Parser<String> NAME = Scalars.name(Sections.TOPIC_PART,
            "use only the characters A-Z a-z 0-9 . _ - (it becomes part of a topic name)");

    /** Shard names, compared as {@link #collisionKey}, and patterns, each to where it was first seen. */
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> patterns = new HashMap<>();

    private ShardsSection() {}

    static Parser<List<ShardSettings>> parser() {
        return node -> new ShardsSection().read(node);
    }

    private List<ShardSettings> read(Node node) {
        if (!node.json().isArray()) {
            return node.invalid("expected a list of shards, got " + node.kind());
        }
        if (node.json().isEmpty()) {
            return node.problem("must list at least one shard");
        }
        List<ShardSettings> shards = new ArrayList<>();
        for (int i = 0; i < node.json().size(); i++) {
            shards.add(shard(node.element(i)));
        }
        if (shards.stream().noneMatch(s -> s.measurements() == null) && !patterns.containsKey(MeasurementPattern.DEFAULT)) {
            node.problem("no default shard: add \"*\" to the measurements of the shard that takes every "
                    + "measurement no other pattern matches");
        }
        return shards;
    }

    private ShardSettings shard(Node item) {
        Field<String> name = required("name", NAME.then((n, v) -> unique(n, collisionKey(v), names, item.path())));
        Map<String, String> replicasSeen = new HashMap<>();
        Field<List<String>> replicas = required("replicas", Scalars.list(Scalars.string()
                .then((n, v) -> unique(n, v, replicasSeen, n.path()))));
        Field<List<String>> measurements = required("measurements", Scalars.list(pattern()
                .then((n, v) -> unique(n, v, patterns, n.path()))));
        Values v = Section.read(item, List.of(name, replicas, measurements));
        return new ShardSettings(v.get(name), v.get(replicas), v.get(measurements));
    }

    /**
     * Kafka metric names replace '.' by '_', so topics differing only there collide; shard names
     * are compared that way, ignoring case too (topic names on case-insensitive file systems).
     */
    private static String collisionKey(String name) {
        return name.replace('.', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * Each value once: shard names, replicas within a shard, patterns across every shard (a repeat
     * could never match). A repeat is reported but kept, so that cross-checks still see it.
     */
    private static String unique(Node node, String key, Map<String, String> seen, String where) {
        String first = seen.putIfAbsent(key, where);
        if (first == null) {
            return node.json().textValue();
        }
        if (node.path().endsWith(".name")) {
            node.invalid(first + " already has this name (or one that differs only in case or '.' versus '_')");
        } else if (key.equals(MeasurementPattern.DEFAULT) && !first.startsWith(shardOf(node.path()) + ".")) {
            node.invalid("the shard at " + shardOf(first) + " is already the default shard");
        } else {
            node.invalid("already listed at " + first);
        }
        return node.json().textValue();
    }

    /** {@code shards[2]} of {@code shards[2].measurements[0]}. */
    private static String shardOf(String path) {
        return path.substring(0, path.indexOf('.'));
    }

    private static Parser<String> pattern() {
        return node -> {
            String text = Scalars.string().parse(node);
            try {
                return text == null ? null : MeasurementPattern.parse(text).text();
            } catch (IllegalArgumentException e) {
                return node.invalid(e.getMessage());
            }
        };
    }
}
