package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The HTTP API of a test's Prometheus: the metric names it holds, and whether an expression evaluates. */
final class PrometheusApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    PrometheusApi(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Every metric name Prometheus holds a series of ({@code /api/v1/label/__name__/values}). */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        get("/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Prometheus' error for {@code expr} evaluated now ({@code /api/v1/query}), or empty when it evaluates. */
    Optional<String> queryError(String expr) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        return "success".equals(answer.path("status").asText())
                ? Optional.empty()
                : Optional.of(answer.path("errorType").asText() + ": " + answer.path("error").asText());
    }

    /** The targets' health, for failure messages. */
    String targets() {
        StringBuilder s = new StringBuilder();
        get("/api/v1/targets").path("data").path("activeTargets").forEach(t -> s.append(t.path("scrapeUrl").asText()).append(' ')
                .append(t.path("health").asText()).append(' ').append(t.path("lastError").asText()).append('\n'));
        return s.toString();
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).GET().build();
        try {
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new AssertionError("GET " + base.resolve(pathAndQuery) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + base.resolve(pathAndQuery), e);
        }
    }
}
