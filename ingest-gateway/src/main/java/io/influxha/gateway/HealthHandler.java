package io.influxha.gateway;

import io.influxha.core.health.HealthChecks;
import io.influxha.core.health.HealthJson;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /health}, InfluxDB 1.8's serveHealth: 200 with Go's json.Marshal of its map (keys
 * sorted, no trailing newline) and every field 1.8 has: name, message, status, checks, version.
 * Like 1.8 it says the process serves requests, not that Kafka is reachable: a write while Kafka
 * is down answers 503 with Retry-After by itself. Where 1.8's {@code checks} is always empty, ours
 * lists the process's {@link HealthChecks}: the retention watch's problems (data about to be
 * deleted unread, already deleted, a group's committed offsets about to expire) and any other
 * source's, one object per check with name, status and message. Warnings keep the top-level
 * status {@code pass} (the gateway still accepts writes, and clients map it to a pass/fail enum);
 * a failed check makes it {@code fail} with 503, as InfluxDB 2's {@code /health} answers when
 * unhealthy.
 */
final class HealthHandler {
    private HealthHandler() {}

    static void handle(Context ctx) {
        List<HealthChecks.Check> checks = HealthChecks.all();
        ctx.status(HealthJson.status(checks)).contentType("application/json").result(body(checks));
    }

    /** The body with these checks, keys in Go's sorted order ({@link HealthJson}, shared with the router's and writers' listeners). */
    static String body(List<HealthChecks.Check> checks) {
        return HealthJson.body(checks);
    }
}
