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
    private static final Field<String> NAME = required("name",
            Scalars.name(Sections.TOPIC_PART, "use only the characters A-Z a-z 0-9 . _ - (it becomes part of a topic name)"));
    private static final Field<List<String>> REPLICAS = required("replicas", Scalars.list(Scalars.string()));
    private static final Field<List<String>> MEASUREMENTS = required("measurements", Scalars.list(pattern()));

    private ShardsSection() {}

    static Parser<List<ShardSettings>> parser() {
        return node -> {
            if (!node.json().isArray()) {
                return node.invalid("expected a list of shards, got " + node.kind());
            }
            if (node.json().isEmpty()) {
                return node.problem("must list at least one shard");
            }
            List<ShardSettings> shards = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            Map<String, String> patterns = new HashMap<>();
            for (int i = 0; i < node.json().size(); i++) {
                Node item = node.element(i);
                Values v = Section.read(item, List.of(NAME, REPLICAS, MEASUREMENTS));
                if (v.valid(NAME)) {
                    unique(item.field(NAME.key()), collisionKey(v.get(NAME)), names, node.path() + "[" + i + "]");
                }
                if (v.valid(REPLICAS)) {
                    unique(item.field(REPLICAS.key()), v.get(REPLICAS), new HashMap<>());
                }
                if (v.valid(MEASUREMENTS)) {
                    unique(item.field(MEASUREMENTS.key()), v.get(MEASUREMENTS), patterns);
                }
                shards.add(new ShardSettings(v.get(NAME), v.get(REPLICAS), v.get(MEASUREMENTS)));
            }
            if (!patterns.containsKey(MeasurementPattern.DEFAULT)) {
                node.problem("no default shard: add \"*\" to the measurements of the shard that takes every "
                        + "measurement no other pattern matches");
            }
            return shards;
        };
    }

    /**
     * Kafka metric names replace '.' by '_', so topics differing only there collide; shard names
     * are compared that way, ignoring case too (topic names on case-insensitive file systems).
     */
    private static String collisionKey(String name) {
        return name.replace('.', '_').toLowerCase(Locale.ROOT);
    }

    private static void unique(Node name, String key, Map<String, String> seen, String where) {
        String first = seen.putIfAbsent(key, where);
        if (first != null) {
            name.invalid(first + " already has this name (or one that differs only in case or '.' versus '_')");
        }
    }

    /** Each value once: replicas within a shard, patterns across every shard (a repeat could never match). */
    private static void unique(Node list, List<String> values, Map<String, String> seen) {
        for (int j = 0; j < values.size(); j++) {
            Node element = list.element(j);
            String first = seen.putIfAbsent(values.get(j), element.path());
            if (first != null) {
                element.invalid(values.get(j).equals(MeasurementPattern.DEFAULT) && !first.startsWith(list.path())
                        ? "the shard at " + first.substring(0, first.indexOf('.')) + " is already the default shard"
                        : "already listed at " + first);
            }
        }
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
