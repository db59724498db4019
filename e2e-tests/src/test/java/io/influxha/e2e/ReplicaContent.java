package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.influxd.InfluxdProcess;
import java.util.Map;
import java.util.TreeMap;

/** Every point of a database in one replica, keyed by its {@code seq} field: row (as {@link SentPoints#row}) and time. */
final class ReplicaContent {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Stored(String row, long timeNs) {}

    private ReplicaContent() {}

    static Map<Long, Stored> read(InfluxdProcess influxd, String db) {
        Map<Long, Stored> points = new TreeMap<>();
        for (String measurement : SentPoints.MEASUREMENTS) {
            String q = "SELECT * FROM \"" + measurement + "\"";
            JsonNode result = parse(influxd.query(db, q)).path("results").path(0);
            if (result.has("error")) {
                throw new AssertionError("query " + q + " on " + influxd.url() + ": " + result.get("error"));
            }
            for (JsonNode series : result.path("series")) {
                JsonNode columns = series.get("columns");
                for (JsonNode values : series.get("values")) {
                    Map<String, JsonNode> row = row(columns, values);
                    Stored previous = points.put(row.get("seq").asLong(),
                            new Stored(SentPoints.row(measurement, row), values.get(0).asLong()));
                    if (previous != null) {
                        throw new AssertionError("seq " + row.get("seq") + " stored twice in " + influxd.url());
                    }
                }
            }
        }
        return points;
    }

    /** One row of a {@code SELECT *} answer: every non-null column after {@code time}, by name. */
    static Map<String, JsonNode> row(JsonNode columns, JsonNode values) {
        Map<String, JsonNode> row = new TreeMap<>();
        for (int i = 1; i < columns.size(); i++) {
            if (!values.get(i).isNull()) {
                row.put(columns.get(i).asText(), values.get(i));
            }
        }
        return row;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
