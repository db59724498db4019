package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges one statement's results from several shards into the result one InfluxDB holding all the
 * data would give. Shards hold disjoint measurements, so a measurement's series come from one
 * shard; what needs care is de-duplication (catalog answers every shard repeats), order (InfluxDB
 * sorts measurement and series lists, and series by name then tags) and paging after the merge.
 */
final class ResultMerger {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultMerger() {}

    /** @param results one statement result object per shard, e.g. {@code {"statement_id":0,"series":[...]}} */
    static ObjectNode merge(Statement st, List<JsonNode> results) {
        ObjectNode out = JSON.objectNode();
        for (JsonNode r : results) {
            if (r.hasNonNull("error")) {
                out.put("error", r.get("error").asText());
                return out;
            }
        }
        List<JsonNode> series = new ArrayList<>();
        ArrayNode messages = JSON.arrayNode();
        Set<String> seenMessages = new LinkedHashSet<>();
        for (JsonNode r : results) {
            r.path("series").forEach(series::add);
            r.path("messages").forEach(m -> {
                if (seenMessages.add(m.toString())) {
                    messages.add(m);
                }
            });
        }
        List<JsonNode> merged = switch (st.route()) {
            case MERGE_LIST -> page(rows(series, true), st.limit(), st.offset());
            case MERGE_META -> rows(series, false);
            case MERGE_SERIES -> page(bySeries(series), st.limit(), st.offset());
            default -> bySeries(series);
        };
        if (!merged.isEmpty()) {
            out.set("series", JSON.arrayNode().addAll(merged));
        }
        if (!messages.isEmpty()) {
            out.set("messages", messages);
        }
        return out;
    }

    /** One series holding the union of every series' rows (same name and columns), sorted or in first-seen order. */
    private static List<JsonNode> rows(List<JsonNode> series, boolean sorted) {
        if (series.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        for (JsonNode s : series) {
            // catalog rows are keyed by their first column (a name): the first shard's copy wins
            s.path("values").forEach(row -> rows.putIfAbsent(row.path(0).asText(), row));
        }
        List<JsonNode> values = new ArrayList<>(rows.values());
        if (values.isEmpty()) {
            return List.of(); // InfluxDB leaves "series" out of an empty answer
        }
        if (sorted) {
            values.sort(Comparator.comparing(row -> row.path(0).asText()));
        }
        ObjectNode one = series.get(0).deepCopy();
        one.set("values", JSON.arrayNode().addAll(values));
        return List.of(one);
    }

    /** Applies LIMIT/OFFSET to the rows of a single merged series, dropping it when nothing is left. */
    private static List<JsonNode> page(List<JsonNode> series, long limit, long offset) {
        if (series.size() == 1 && series.get(0).has("values") && series.get(0).has("columns")
                && (limit >= 0 || offset > 0) && !series.get(0).has("tags")) {
            ObjectNode one = (ObjectNode) series.get(0);
            List<JsonNode> rows = new ArrayList<>();
            one.path("values").forEach(rows::add);
            List<JsonNode> kept = slice(rows, limit, offset);
            if (kept.isEmpty()) {
                return List.of();
            }
            one.set("values", JSON.arrayNode().addAll(kept));
            return List.of(one);
        }
        return slice(series, limit, offset);
    }

    private static <T> List<T> slice(List<T> items, long limit, long offset) {
        int from = (int) Math.min(items.size(), offset);
        int to = limit < 0 ? items.size() : (int) Math.min(items.size(), from + limit);
        return items.subList(from, to);
    }

    /** Series sorted by name then tags; series with the same name and tags have their rows concatenated. */
    private static List<JsonNode> bySeries(List<JsonNode> series) {
        Map<String, ObjectNode> byKey = new LinkedHashMap<>();
        for (JsonNode s : series) {
            String key = s.path("name").asText() + '\u0000' + s.path("tags").toString();
            ObjectNode existing = byKey.get(key);
            if (existing == null) {
                byKey.put(key, s.deepCopy());
            } else if (s.has("values")) {
                ((ArrayNode) existing.withArray("values")).addAll((ArrayNode) s.get("values"));
            }
        }
        List<Map.Entry<String, ObjectNode>> entries = new ArrayList<>(byKey.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<JsonNode> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.getValue()));
        return out;
    }
}
