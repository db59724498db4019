package io.influxha.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Counts the points of a database in one InfluxDB server ({@code count(f0)} over every
 * measurement, summed), to tell when a replica holds everything that was acknowledged. A missing
 * database counts 0; any other failure is an error naming the server.
 */
final class ReplicaCounts {
    private static final Duration POLL = Duration.ofMillis(50);

    private final HttpClient http;
    private final String db;

    ReplicaCounts(HttpClient http, String db) {
        this.http = http;
        this.db = db;
    }

    long count(URI server) throws InterruptedException {
        String q = "SELECT count(\"f0\") FROM /.*/";
        URI uri = URI.create(server + "/query?epoch=ns&db=" + URLEncoder.encode(db, StandardCharsets.UTF_8)
                + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("count on " + server + ": status " + response.statusCode() + " " + response.body().trim());
            }
            return sumCounts(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("count on " + server + ": " + e, e);
        }
    }

    /** Sums every count row of an InfluxDB /query answer; a "database not found" answer sums to 0. */
    static long sumCounts(String json) {
        return QueryAnswer.values(json).stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Polls {@code server} until it holds at least {@code expected} points; returns the nanoTime
     * when it did, or -1 at {@code deadlineNanos}.
     */
    long awaitCount(URI server, long expected, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            if (count(server) >= expected) {
                return System.nanoTime();
            }
            Thread.sleep(POLL.toMillis()); // polling an external server: no event to wait on
        }
        return -1;
    }
}
