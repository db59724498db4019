package io.influxha.core.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The body of every {@code GET /health} of influx-ha (gateway, router, writer): InfluxDB 1.8's
 * serveHealth fields in Go's sorted key order (checks, message, name, status, version), with the
 * process's {@link HealthChecks} as {@code checks}; {@code status} is {@code fail} when any check
 * fails (then the answer is 503).
 */
public final class HealthJson {
    /** The InfluxDB version influx-ha answers as (X-Influxdb-Version, /health). */
    public static final String INFLUXDB_VERSION = "1.8.10";

    private HealthJson() {}

    /** 503 when a check fails, else 200. */
    public static int status(List<HealthChecks.Check> checks) {
        return HealthChecks.overall(checks) == HealthChecks.Status.FAIL ? 503 : 200;
    }

    public static String body(List<HealthChecks.Check> checks) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode array = root.putArray("checks");
        for (HealthChecks.Check c : checks) {
            array.addObject().put("message", c.message()).put("name", c.name()).put("status", c.status().json());
        }
        root.put("message", "ready for queries and writes").put("name", "influxdb")
                .put("status", HealthChecks.overall(checks).json())
                .put("version", INFLUXDB_VERSION);
        return root.toString();
    }
}
