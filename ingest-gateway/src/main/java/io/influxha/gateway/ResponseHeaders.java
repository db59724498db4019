package io.influxha.gateway;

import io.javalin.http.Context;
import java.util.UUID;

/**
 * Headers InfluxDB 1.8 puts on its responses: version and build on every one (Handler.ServeHTTP),
 * a request id (the {@code requestID} middleware: the client's {@code X-Request-Id}, else its
 * {@code Request-Id}, else a new UUID, echoed in both headers) and the CORS headers when the
 * request carries an {@code Origin} (the {@code cors} middleware).
 */
final class ResponseHeaders {
    static final String VERSION = io.influxha.core.health.HealthJson.INFLUXDB_VERSION;

    private ResponseHeaders() {}

    static void apply(Context ctx) {
        ctx.header("X-Influxdb-Version", VERSION);
        ctx.header("X-Influxdb-Build", "OSS");
        String id = ctx.header("X-Request-Id");
        if (id == null || id.isEmpty()) {
            id = ctx.header("Request-Id");
        }
        if (id == null || id.isEmpty()) {
            id = UUID.randomUUID().toString();
        }
        ctx.header("X-Request-Id", id);
        ctx.header("Request-Id", id);
        String origin = ctx.header("Origin");
        if (origin != null && !origin.isEmpty()) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Methods", "DELETE, GET, OPTIONS, POST, PUT");
            ctx.header("Access-Control-Allow-Headers", "Accept, Accept-Encoding, Authorization, Content-Length, "
                    + "Content-Type, User-Agent, X-CSRF-Token, X-HTTP-Method-Override");
            ctx.header("Access-Control-Expose-Headers", "Date, X-InfluxDB-Version, X-InfluxDB-Build");
        }
    }
}
