package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.core.config.ShardRules;
import io.influxha.gateway.query.Statement.Route;

/**
 * Keeps, of one shard's answer, only what that shard owns. A backend may replicate several
 * shards, so the replica asked for shard S can also hold other shards' measurements, possibly
 * older than their own best replica has them: each measurement must come from the replica chosen
 * for the shard that owns it, once.
 */
final class ShardFilter {
    private ShardFilter() {}

    /** Filters {@code result} (one statement's result object) in place. */
    static void keepOwned(Statement st, JsonNode result, String shard, ShardRules rules) {
        JsonNode series = result.path("series");
        if (!series.isArray() || st.route() == Route.MERGE_META || st.route() == Route.ANY_REPLICA) {
            return;
        }
        ArrayNode kept = ((ArrayNode) series).arrayNode();
        for (JsonNode s : series) {
            if (st.route() == Route.MERGE_LIST) {
                kept.add(ownedRows(st, (ObjectNode) s, shard, rules));
            } else if (!s.has("name") || rules.shardFor(s.get("name").asText()).equals(shard)) {
                kept.add(s);
            }
        }
        ((ObjectNode) result).set("series", kept);
    }

    private static JsonNode ownedRows(Statement st, ObjectNode series, String shard, ShardRules rules) {
        ArrayNode rows = series.arrayNode();
        boolean seriesKeys = st.kind().equals("SHOW SERIES");
        for (JsonNode row : series.path("values")) {
            String name = row.path(0).asText();
            String measurement = seriesKeys ? measurementOfKey(name) : name;
            if (rules.shardFor(measurement).equals(shard)) {
                rows.add(row);
            }
        }
        series.set("values", rows);
        return series;
    }

    /** The measurement of a series key {@code cpu,host=a}: up to the first comma not escaped by a backslash. */
    static String measurementOfKey(String key) {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                m.append(key.charAt(++i));
            } else if (c == ',') {
                break;
            } else {
                m.append(c);
            }
        }
        return m.toString();
    }
}
