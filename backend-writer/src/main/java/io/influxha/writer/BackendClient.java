package io.influxha.writer;

import io.influxha.core.BackendHttp;
import io.influxha.core.config.BackendSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/**
 * HTTP to one InfluxDB backend. Every call has a connect timeout (the client's) and a request
 * timeout (the request's), so a hung backend turns into a retry instead of a stuck partition.
 * Futures never complete exceptionally: a failure becomes a {@link Reply} with its error.
 */
final class BackendClient implements AutoCloseable {
    private final BackendSettings settings;
    private final BackendHttp http;

    /** How long one call and the catalog record after it may take: connect, request, and 10 s to record. */
    Duration settleTimeout() {
        return settings.connectTimeout().plus(settings.requestTimeout()).plusSeconds(10);
    }

    BackendClient(BackendSettings settings) {
        this.settings = settings;
        this.http = new BackendHttp(settings);
    }

    /** {@code POST /write?db=&rp=&precision=ns}; rp omitted when empty (the default policy). */
    CompletableFuture<Reply> write(String db, String rp, byte[] lines) {
        StringBuilder uri = new StringBuilder("/write?db=").append(encode(db));
        if (!rp.isEmpty()) {
            uri.append("&rp=").append(encode(rp));
        }
        uri.append("&precision=ns");
        HttpRequest.Builder request = http.request(uri.toString(), false).header("Content-Type", "text/plain; charset=utf-8");
        byte[] body = lines;
        if (settings.gzip()) {
            body = gzip(lines);
            request.header("Content-Encoding", "gzip");
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** {@code POST /query} with {@code q} (and {@code db} when given) as a form. */
    CompletableFuture<Reply> query(String db, String statement) {
        String form = "q=" + encode(statement) + (db.isEmpty() ? "" : "&db=" + encode(db));
        HttpRequest request = http.request("/query", false)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        return send(request);
    }

    private CompletableFuture<Reply> send(HttpRequest request) {
        try {
            return http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .handle((response, error) -> error != null ? Reply.failed(error)
                            : new Reply(response.statusCode(), response.body(), retryAfter(response), null));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Reply.failed(e));
        }
    }

    /** Retry-After in delay-seconds (the form InfluxDB-compatible proxies send); dates are ignored. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
    }

    private static String encode(String s) {
        return BackendHttp.encode(s);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient is AutoCloseable only from Java 21; its threads are daemons.
    }
}
