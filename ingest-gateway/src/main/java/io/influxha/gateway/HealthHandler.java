package io.influxha.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.core.metrics.RetentionAlerts;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /health}, InfluxDB 1.8's serveHealth: always 200 with Go's json.Marshal of its map
 * (keys sorted, no trailing newline) and every field 1.8 has: name, message, status, checks,
 * version. Like 1.8 it says the process serves requests, not that Kafka is reachable: a write
 * while Kafka is down answers 503 with Retry-After by itself. Where 1.8's {@code checks} is always
 * empty, ours lists the retention watch's problems ({@link RetentionAlerts}: data about to be
 * deleted unread, already deleted, or a group's committed offsets about to expire), one object per
 * problem with name, status {@code warn} and message; the top-level status stays {@code pass}
 * (the gateway still accepts writes, and clients map it to a pass/fail enum).
 */
final class HealthHandler {
    private HealthHandler() {}

    static void handle(Context ctx) {
        ctx.status(200).contentType("application/json").result(body(RetentionAlerts.latest()));
    }

    /** The body with these checks, keys in Go's sorted order. */
    static String body(List<RetentionAlerts.Alert> alerts) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode checks = root.putArray("checks");
        for (RetentionAlerts.Alert a : alerts) {
            checks.addObject().put("message", a.message()).put("name", a.name()).put("status", a.status());
        }
        root.put("message", "ready for queries and writes").put("name", "influxdb").put("status", "pass")
                .put("version", ResponseHeaders.VERSION);
        return root.toString();
    }
}
