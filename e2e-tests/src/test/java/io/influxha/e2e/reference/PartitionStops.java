package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a shard partition stops for DROP, DELETE and ALTER (docs/ddl-through-the-log.md), a pure
 * function of its records: copies before a statement's last one are passed over; at the last one
 * (the N-th distinct {@code ddl_copy}, or the N-th copy when the header is absent) the partition
 * stops, unless another statement's copies are still incomplete there: then it goes on to that
 * one's last copy and both share the stop. Copies of a voided statement, and copies beyond the
 * last, count for nothing.
 */
public final class PartitionStops {
    /** A stop: after the record at {@code index} (the last copy), before the next; its statements in the order first met. */
    public record Stop(int index, List<LogRecord> statements) {
        public boolean holds(String ddlId) {
            return statements.stream().anyMatch(s -> s.ddlId().equals(ddlId));
        }
    }

    private PartitionStops() {}

    public static List<Stop> of(List<LogRecord> records, Set<String> voided) {
        List<Stop> stops = new ArrayList<>();
        Map<String, Copies> open = new LinkedHashMap<>();
        Set<String> stopped = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            if (!r.ddl() || !isBarrier(r.value()) || voided.contains(r.ddlId()) || stopped.contains(r.ddlId())) {
                continue;
            }
            open.computeIfAbsent(r.ddlId(), id -> new Copies(r)).add(r);
            if (open.values().stream().allMatch(Copies::complete)) {
                stops.add(new Stop(i, open.values().stream().map(Copies::first).toList()));
                stopped.addAll(open.keySet());
                open.clear();
            }
        }
        return stops;
    }

    /**
     * Barrier statements whose copies are incomplete in some partition of some shard topic: no
     * backend can ever apply them. Each with why.
     */
    public static Map<String, String> voided(Map<String, Map<Integer, List<LogRecord>>> shardTopics) {
        Map<String, LogRecord> barriers = new LinkedHashMap<>();
        shardTopics.values().forEach(ps -> ps.values().forEach(rs -> rs.stream()
                .filter(r -> r.ddl() && isBarrier(r.value())).forEach(r -> barriers.putIfAbsent(r.ddlId(), r))));
        Map<String, String> voided = new TreeMap<>();
        barriers.forEach((id, first) -> shardTopics.forEach((topic, ps) -> ps.forEach((p, rs) -> {
            Copies copies = new Copies(first);
            rs.stream().filter(r -> r.ddl() && r.ddlId().equals(id)).forEach(copies::add);
            if (!copies.complete()) {
                voided.putIfAbsent(id, "statement " + id + " \"" + first.value().strip() + "\" has " + copies + " of " + first.ddlCopies()
                        + " copies in " + topic + "/" + p + ": no backend can ever apply it");
            }
        })));
        return voided;
    }

    /** DROP, DELETE and ALTER wait for a cut; CREATE does not. */
    public static boolean isBarrier(String text) {
        String first = text.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
        return first.equals("DROP") || first.equals("DELETE") || first.equals("ALTER");
    }
}
