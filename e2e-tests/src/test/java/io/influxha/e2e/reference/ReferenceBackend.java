package io.influxha.e2e.reference;

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

/**
 * The reference applier's only way to its influxd: one {@code /write} per data record and one
 * {@code /query} per statement, no batching, no retries. An answer is either taken (applied, or
 * refused for good: skipped, as every backend skips it) or, for anything else, a failure of the
 * test harness itself.
 */
final class ReferenceBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI url;

    ReferenceBackend(URI url) {
        this.url = url;
    }

    /** "ok", or why influxd refused the points for good (they are skipped). */
    String write(String db, String rp, String lines) {
        String q = "/write?precision=ns&db=" + encode(db) + (rp.isEmpty() ? "" : "&rp=" + encode(rp));
        HttpResponse<String> r = post(q, lines);
        if (r.statusCode() == 204) {
            return "ok";
        }
        String body = r.body().strip();
        boolean refused = r.statusCode() == 400 || r.statusCode() == 404
                || (r.statusCode() == 500 && body.contains("retention policy not found"));
        if (!refused) {
            throw new IllegalStateException("reference influxd answered " + r.statusCode() + " " + body + " to a write to " + db + "." + rp);
        }
        return "refused " + r.statusCode() + " " + body;
    }

    /** "ok", or the statement's error (it is skipped). */
    String statement(String db, String text) {
        HttpResponse<String> r = post("/query?db=" + encode(db) + "&q=" + encode(text), "");
        if (r.statusCode() != 200) {
            return "refused " + r.statusCode() + " " + r.body().strip();
        }
        try {
            JsonNode result = JSON.readTree(r.body()).path("results").path(0);
            return result.has("error") ? "refused " + result.get("error").asText() : "ok";
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from the reference influxd: " + r.body(), e);
        }
    }

    private HttpResponse<String> post(String pathAndQuery, String body) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the reference influxd did not answer " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
