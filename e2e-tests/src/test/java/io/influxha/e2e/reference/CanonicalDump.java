package io.influxha.e2e.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.influxd.InfluxClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an influxd holds, as sorted lines comparable between servers:
 * <pre>
 * database d0
 * policy d0.r1 duration=2h0m0s shard=1h0m0s replication=1 default=false
 * measurement d0 m1
 * series d0 m1,host=h0
 * field d0.r1 m1 v float
 * point d0.r1 m1,host=h0 n=3,ok=true,op=17,s="x4",v=1.5 1796581670000000000
 * </pre>
 * Points come from {@code SELECT * FROM db.rp./.*&#47; GROUP BY *} with {@code epoch=ns}, printed by
 * local-influxd's dump; field types from {@code SHOW FIELD KEYS} per policy.
 */
public final class CanonicalDump {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalDump() {}

    public static List<String> of(InfluxClient influxd) {
        List<String> lines = new ArrayList<>();
        for (String db : column(influxd, "", "SHOW DATABASES", 0)) {
            if (db.equals("_internal")) {
                continue;
            }
            String q = InfluxClient.identifier(db);
            lines.add("database " + db);
            List<String> policies = new ArrayList<>();
            for (JsonNode rp : values(influxd, db, "SHOW RETENTION POLICIES ON " + q)) {
                String name = rp.get(0).asText();
                policies.add(name);
                lines.add("policy " + db + "." + name + " duration=" + rp.get(1).asText() + " shard=" + rp.get(2).asText()
                        + " replication=" + rp.get(3).asText() + " default=" + rp.get(4).asText());
                fieldsAndPoints(influxd, db, name, lines);
            }
            column(influxd, db, "SHOW MEASUREMENTS ON " + q, 0).forEach(m -> lines.add("measurement " + db + " " + m));
            if (!policies.isEmpty()) { // the series index is the database's; FROM names a policy, as the default may be gone
                column(influxd, db, "SHOW SERIES ON " + q + " FROM " + from(db, policies.get(0)), 0)
                        .forEach(s -> lines.add("series " + db + " " + s));
            }
        }
        lines.sort(null);
        return lines;
    }

    private static void fieldsAndPoints(InfluxClient influxd, String db, String rp, List<String> lines) {
        String from = from(db, rp);
        for (JsonNode series : series(influxd, db, "SHOW FIELD KEYS ON " + InfluxClient.identifier(db) + " FROM " + from)) {
            for (JsonNode f : series.path("values")) {
                lines.add("field " + db + "." + rp + " " + series.path("name").asText() + " " + f.get(0).asText() + " " + f.get(1).asText());
            }
        }
        influxd.dump(db, rp).forEach(p -> lines.add("point " + db + "." + rp + " " + p));
    }

    private static String from(String db, String rp) {
        return InfluxClient.identifier(db) + "." + InfluxClient.identifier(rp) + "./.*/";
    }

    private static List<String> column(InfluxClient influxd, String db, String q, int column) {
        List<String> out = new ArrayList<>();
        values(influxd, db, q).forEach(v -> out.add(v.get(column).asText()));
        return out;
    }

    private static List<JsonNode> values(InfluxClient influxd, String db, String q) {
        List<JsonNode> out = new ArrayList<>();
        series(influxd, db, q).forEach(s -> s.path("values").forEach(out::add));
        return out;
    }

    private static List<JsonNode> series(InfluxClient influxd, String db, String q) {
        try {
            JsonNode result = JSON.readTree(influxd.query(db, q)).path("results").path(0);
            if (result.has("error")) {
                throw new IllegalStateException(q + " on " + influxd.url() + ": " + result.get("error").asText());
            }
            List<JsonNode> out = new ArrayList<>();
            result.path("series").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from " + influxd.url() + " to " + q, e);
        }
    }
}
