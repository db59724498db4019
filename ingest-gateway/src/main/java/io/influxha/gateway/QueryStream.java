package io.influxha.gateway;

import io.influxha.gateway.query.QueryRouter;
import io.influxha.gateway.query.Routed;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a backend's answer to the client as it arrives: status, body and the headers that
 * describe the body, plus which replica answered and its lag. With {@code chunked=true} every
 * piece read is flushed at once, so InfluxDB's chunks reach the client as InfluxDB sends them
 * and the gateway never holds more than one buffer of a response.
 */
final class QueryStream {
    static final String BACKEND_HEADER = "X-Influxha-Backend";
    static final String LAG_HEADER = "X-Influxha-Lag";
    private static final List<String> PASSED_REQUEST_HEADERS = List.of("Accept", "Accept-Encoding", "Authorization");
    private static final List<String> PASSED_RESPONSE_HEADERS = List.of("Content-Type", "Content-Encoding", "X-Influxdb-Error");

    private QueryStream() {}

    static void forward(Context ctx, QueryRouter router, String shard, Map<String, String> params, long rywDeadlineNanos,
            boolean passCredentials) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : PASSED_REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null && !value.isEmpty() && (passCredentials || !name.equals("Authorization"))) {
                headers.put(name, value);
            }
        }
        relay(ctx, router.stream(shard, params, headers, rywDeadlineNanos), "true".equals(params.get("chunked")));
    }

    /** Copies a backend's answer to the client: status, body-describing headers, who answered, body. */
    static void relay(Context ctx, Routed routed, boolean flushEach) {
        HttpResponse<InputStream> r = routed.response();
        ctx.status(r.statusCode());
        for (String name : PASSED_RESPONSE_HEADERS) {
            r.headers().firstValue(name).ifPresent(v -> ctx.header(name, v));
        }
        ctx.header(BACKEND_HEADER, routed.backendHeader());
        ctx.header(LAG_HEADER, routed.lagHeader());
        try (InputStream in = r.body()) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (flushEach || in.available() == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            // the status line is gone: all that is left is to cut the response short
            throw new UncheckedIOException("streaming the answer of " + routed.backendHeader() + " failed", e);
        }
    }
}
