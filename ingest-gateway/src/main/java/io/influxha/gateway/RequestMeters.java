package io.influxha.gateway;

import io.influxha.core.metrics.Metrics;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;

/**
 * {@code influxha_gateway_requests_seconds{endpoint,method,status}}: every request's rate, status
 * and latency as a histogram, from the moment Javalin matched it to the moment its handler (and
 * any exception handler) returned. {@code endpoint} is the route ({@code /write}, {@code /query},
 * ...); a path no route serves is {@code other}, so a scan cannot grow the series without bound.
 */
final class RequestMeters {
    private static final String STARTED = "influxha.requestStartedNanos";
    private static final Set<String> ENDPOINTS = Set.of("/ping", "/write", "/api/v2/write", "/health", "/metrics",
            "/api/v1/prom/write", "/query", "/api/v1/prom/read");

    private RequestMeters() {}

    static void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    static void finish(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        String path = ctx.path();
        Timer.builder("influxha_gateway_requests")
                .description("HTTP requests the gateway answered, by route, method and status, and how long they took")
                .tags("endpoint", ENDPOINTS.contains(path) ? path : "other", "method", ctx.method().name(),
                        "status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(Metrics.registry()).record(Duration.ofNanos(System.nanoTime() - started));
    }
}
