package io.influxha.gateway;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses. {@link RejectedRequestException} carries its own
 * status and InfluxDB wording; anything else is a bug and answers 500 in the same shape. Requests
 * no route matched answer like InfluxDB's router (bmizerany/pat): 405 with {@code Allow} when the
 * path exists for another method, otherwise Go's {@code 404 page not found}.
 */
final class ErrorRendering {
    private static final Logger log = LoggerFactory.getLogger(ErrorRendering.class);

    /** Path to the methods InfluxDB 1.8 serves there, as its Allow header lists them. */
    private static final Map<String, String> ALLOWED = Map.of(
            "/write", "POST, OPTIONS",
            "/query", "GET, POST, OPTIONS",
            "/ping", "GET, HEAD",
            "/health", "GET",
            "/api/v2/write", "POST",
            "/api/v1/prom/write", "POST");

    private ErrorRendering() {}

    static void register(RoutesConfig routes) {
        routes.exception(RejectedRequestException.class, (e, ctx) -> InfluxErrors.write(ctx, e.status(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("event=request_failed method={} path={} request_id={} error=\"{}\"",
                    ctx.method(), ctx.path(), ctx.res().getHeader("Request-Id"), e.toString(), e);
            InfluxErrors.write(ctx, 500, e.toString());
        });
        routes.error(404, ErrorRendering::unmatched);
    }

    private static void unmatched(Context ctx) {
        if (ctx.res().getHeader(InfluxErrors.ERROR_HEADER) != null) {
            return; // a handler's own 404, already rendered
        }
        String allowed = ALLOWED.get(ctx.path());
        ctx.contentType("text/plain; charset=utf-8").header("X-Content-Type-Options", "nosniff");
        if (allowed != null) {
            ctx.status(405).header("Allow", allowed).result("Method Not Allowed\n");
        } else {
            ctx.status(404).result("404 page not found\n");
        }
    }
}
