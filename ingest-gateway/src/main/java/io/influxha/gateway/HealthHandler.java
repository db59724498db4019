package io.influxha.gateway;

import io.javalin.http.Context;

/**
 * {@code GET /health}, InfluxDB 1.8's serveHealth: always 200 with Go's json.Marshal of its
 * map (keys sorted, no trailing newline). Like 1.8 it says the process serves requests, not that
 * Kafka is reachable: a write while Kafka is down answers 503 with Retry-After by itself.
 */
final class HealthHandler {
    static final String BODY = "{\"checks\":[],\"message\":\"ready for queries and writes\",\"name\":\"influxdb\","
            + "\"status\":\"pass\",\"version\":\"" + ResponseHeaders.VERSION + "\"}";

    private HealthHandler() {}

    static void handle(Context ctx) {
        ctx.status(200).contentType("application/json").result(BODY);
    }
}
