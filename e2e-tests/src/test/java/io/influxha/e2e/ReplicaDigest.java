package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.influxd.InfluxdProcess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Count and content checksum per measurement of the points of one database up to a time: the
 * checksum is SHA-256 over the sorted lines "row @ time" (row as {@link SentPoints#row}), so two
 * replicas with the same digest hold the same points with the same fields, tags and times.
 */
record ReplicaDigest(Map<String, Long> counts, Map<String, String> checksums) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the replica should hold: the acknowledged points. */
    static ReplicaDigest expected(Collection<SentPoints.Sent> points, SteadyLoad load) {
        Map<String, List<String>> lines = new TreeMap<>();
        for (SentPoints.Sent s : points) {
            String measurement = s.row().substring(0, s.row().indexOf(" host="));
            lines.computeIfAbsent(measurement, m -> new ArrayList<>()).add(s.row() + " @ " + load.timeNs(s.seq()));
        }
        return of(lines);
    }

    /** Cheap: only the count per measurement, from {@code count(seq)}. */
    static Map<String, Long> counts(InfluxdProcess influxd, String db, long upToNs) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode series : select(influxd, db, "count(seq)", upToNs)) {
            counts.put(series.get("name").asText(), series.get("values").get(0).get(1).asLong());
        }
        return counts;
    }

    /** Every point up to {@code upToNs}; fails if one {@code seq} is stored twice. */
    static ReplicaDigest read(InfluxdProcess influxd, String db, long upToNs) {
        Map<String, List<String>> lines = new TreeMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (JsonNode series : select(influxd, db, "*", upToNs)) {
            String measurement = series.get("name").asText();
            JsonNode columns = series.get("columns");
            for (JsonNode values : series.get("values")) {
                Map<String, JsonNode> row = ReplicaContent.row(columns, values);
                if (!seen.add(row.get("seq").asLong())) {
                    throw new AssertionError("seq " + row.get("seq") + " stored twice in " + influxd.url());
                }
                lines.computeIfAbsent(measurement, m -> new ArrayList<>())
                        .add(SentPoints.row(measurement, row) + " @ " + values.get(0).asLong());
            }
        }
        return of(lines);
    }

    private static List<JsonNode> select(InfluxdProcess influxd, String db, String what, long upToNs) {
        StringBuilder q = new StringBuilder("SELECT " + what + " FROM ");
        for (int i = 0; i < SentPoints.MEASUREMENTS.length; i++) {
            q.append(i == 0 ? "" : ",").append('"').append(SentPoints.MEASUREMENTS[i]).append('"');
        }
        q.append(" WHERE time <= ").append(upToNs);
        JsonNode result;
        try {
            result = JSON.readTree(influxd.query(db, q.toString())).path("results").path(0);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON from " + influxd.url(), e);
        }
        if (result.has("error")) {
            throw new IllegalStateException("query " + q + " on " + influxd.url() + ": " + result.get("error"));
        }
        List<JsonNode> series = new ArrayList<>();
        result.path("series").forEach(series::add);
        return series;
    }

    private static ReplicaDigest of(Map<String, List<String>> lines) {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> checksums = new TreeMap<>();
        lines.forEach((measurement, rows) -> {
            rows.sort(null);
            counts.put(measurement, (long) rows.size());
            checksums.put(measurement, sha256(rows));
        });
        return new ReplicaDigest(counts, checksums);
    }

    private static String sha256(List<String> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> digest.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
