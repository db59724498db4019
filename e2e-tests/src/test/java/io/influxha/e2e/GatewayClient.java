package io.influxha.e2e;

import io.influxha.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Talks to the gateway as a client does: {@code /write} retried on 5xx or no connection (as Telegraf does), never on 4xx. */
final class GatewayClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    GatewayClient(URI base) {
        this.base = base;
    }

    HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    boolean ping() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/ping")).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes until acknowledged (204) or the deadline passes; a 4xx fails at once. */
    void writeAcknowledged(String db, String precision, String body, Duration deadline) {
        String path = "/write?db=" + URLEncoder.encode(db, StandardCharsets.UTF_8) + "&precision=" + precision;
        int[] last = {0};
        Await.until(deadline, () -> {
            try {
                HttpResponse<String> response = post(path, body);
                last[0] = response.statusCode();
                if (response.statusCode() >= 400 && response.statusCode() < 500) {
                    throw new AssertionError("write rejected with " + response.statusCode() + ": " + response.body());
                }
                return response.statusCode() == 204;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> "write to be acknowledged (last status " + last[0] + ")");
    }

    void query(String q) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "");
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new AssertionError("query " + q + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
