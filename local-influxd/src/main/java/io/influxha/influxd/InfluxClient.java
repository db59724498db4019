package io.influxha.influxd;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A minimal InfluxDB 1.x HTTP client for assertions: raw queries, writes, and canonical dumps.
 * Works against influxd itself ({@link InfluxdProcess}) or anything speaking its API (the gateway).
 */
public final class InfluxClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI url;

    private InfluxClient(URI url) {
        this.url = url;
    }

    /** @param url base URL such as {@code http://127.0.0.1:8086} */
    public static InfluxClient of(URI url) {
        return new InfluxClient(url);
    }

    public URI url() {
        return url;
    }

    /** Runs InfluxQL (POST /query, epoch=ns) and returns the raw JSON body; fails on a non-200 status. */
    public String query(String db, String influxql) {
        String uri = url + "/query?epoch=ns&q=" + encode(influxql) + (db == null || db.isEmpty() ? "" : "&db=" + encode(db));
        return send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()), 200, influxql);
    }

    /** POST /write with nanosecond precision; fails unless the server answers 204. */
    public void write(String db, String lineProtocol) {
        URI uri = URI.create(url + "/write?precision=ns&db=" + encode(db));
        send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(lineProtocol)), 204, lineProtocol);
    }

    /** Fails with the server's error when the statement's result carries one. */
    public void createDatabase(String db) {
        InfluxDump.firstResult(json(query("", "CREATE DATABASE " + identifier(db))));
    }

    /** Every point of the database's default retention policy as sorted canonical lines (see {@link InfluxDump}). */
    public List<String> dump(String db) {
        return InfluxDump.lines(json(query(db, "SELECT * FROM /.*/ GROUP BY *")));
    }

    /** Every point of retention policy {@code rp} of {@code db}, printed as {@link #dump(String)} does. */
    public List<String> dump(String db, String rp) {
        return InfluxDump.lines(json(query(db, "SELECT * FROM " + identifier(db) + "." + identifier(rp) + "./.*/ GROUP BY *")));
    }

    /**
     * Points in {@code measurement} (default retention policy): the largest per-field COUNT, exact
     * as long as every point carries the field that the most points carry. 0 when there is none.
     */
    public long count(String db, String measurement) {
        JsonNode result = InfluxDump.firstResult(json(query(db, "SELECT COUNT(*) FROM " + identifier(measurement))));
        long max = 0;
        for (JsonNode row : result.path("series").path(0).path("values")) {
            for (int i = 1; i < row.size(); i++) {
                max = Math.max(max, row.get(i).asLong());
            }
        }
        return max;
    }

    /** A double-quoted InfluxQL identifier. */
    public static String identifier(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private String send(HttpRequest.Builder request, int expected, String what) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + " "
                        + response.body().trim() + " to: " + abbreviate(what));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(url + " did not answer: " + abbreviate(what), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + url, e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return InfluxDump.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON in answer: " + abbreviate(body), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
