package io.influxha.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/**
 * The one place that decides what a backend's answer means for the data that was sent. InfluxDB's
 * error strings are matched BEFORE status codes because 1.x reports several conditions under a
 * status that says little (a missing retention policy is a 500, a cache overflow is a 500 that
 * must not be mistaken for a broken server, partial writes are 400s). Strings are those of
 * influxdb 1.8 services/httpd/handler.go, coordinator/points_writer.go and tsdb.
 */
final class BackendResponse {
    /** Backend-specific error texts, lower case, matched as substrings of the error body. */
    static final String DATABASE_NOT_FOUND = "database not found";
    static final String RETENTION_POLICY_NOT_FOUND = "retention policy not found";
    static final String CACHE_MAX_MEMORY_SIZE_EXCEEDED = "cache-max-memory-size exceeded";
    static final String FIELD_TYPE_CONFLICT = "field type conflict";
    static final String UNABLE_TO_PARSE = "unable to parse";
    static final String POINTS_BEYOND_RETENTION_POLICY = "points beyond retention policy";
    static final String PARTIAL_WRITE = "partial write";
    /** Server limits that 1.x reports as partial writes; raising them is an operator's decision. */
    static final String MAX_SERIES_PER_DATABASE = "max-series-per-database";
    static final String MAX_VALUES_PER_TAG = "max-values-per-tag";

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Decision {
        /** Everything sent was stored: commit may advance. */
        SUCCESS,
        /** The backend could not take it now; send the same data again after a capped backoff. */
        RETRY,
        /** The database does not exist yet: create it, then send the same data again. */
        CREATE_DATABASE,
        /** The retention policy does not exist yet: wait slowly, its DDL may still be on its way. */
        WAIT_FOR_RETENTION_POLICY,
        /** Some of the data can never be stored: isolate the bad points and dead-letter only those. */
        REJECT,
        /** The backend refuses us as configured (credentials, URL): retry slowly, never drop data. */
        MISCONFIGURED
    }

    record Outcome(Decision decision, String reason) {}

    private BackendResponse() {}

    /**
     * @param status the HTTP status, ignored when {@code error} is set
     * @param body the response body (InfluxDB's {@code {"error":"..."}}, or a /query result)
     * @param error the failure when no response arrived (refused, reset, timed out)
     */
    static Outcome classify(int status, String body, Throwable error) {
        if (error != null) {
            // No answer at all (refused, reset, timed out): the backend is down or slow. Nothing was
            // rejected, so the same data is sent again until it is stored.
            return new Outcome(Decision.RETRY, describe(error));
        }
        String text = errorText(body);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains(CACHE_MAX_MEMORY_SIZE_EXCEEDED)) {
            // The shard's in-memory cache is full until a snapshot completes: overload, not bad data.
            return new Outcome(Decision.RETRY, text);
        }
        if (lower.contains(DATABASE_NOT_FOUND)) {
            // A fresh or wiped replica lacks the database (1.x answers 404). CREATE DATABASE is
            // idempotent, so the writer creates it and writes again.
            return new Outcome(Decision.CREATE_DATABASE, text);
        }
        if (lower.contains(RETENTION_POLICY_NOT_FOUND)) {
            // 1.x answers 500. The CREATE RETENTION POLICY record may still be in another partition
            // whose writer has not reached it; creating it here would guess its duration. Wait.
            return new Outcome(Decision.WAIT_FOR_RETENTION_POLICY, text);
        }
        if (lower.contains(MAX_SERIES_PER_DATABASE) || lower.contains(MAX_VALUES_PER_TAG)) {
            // Checked before "partial write": the points are good, the server's limit is too low.
            // Dead-lettering them would lose data an operator can still have stored by raising the
            // limit, so the partition waits, loudly (the one deliberate case where it does).
            return new Outcome(Decision.MISCONFIGURED, text);
        }
        if (lower.contains(FIELD_TYPE_CONFLICT) || lower.contains(UNABLE_TO_PARSE)
                || lower.contains(POINTS_BEYOND_RETENTION_POLICY) || lower.contains(PARTIAL_WRITE)) {
            // The data itself is refused and will be refused forever (a partial write stored the
            // other points). Retrying would block the partition: isolate and dead-letter.
            return new Outcome(Decision.REJECT, text);
        }
        return byStatus(status, text);
    }

    private static Outcome byStatus(int status, String text) {
        String reason = text.isEmpty() ? "status " + status : "status " + status + ": " + text;
        if (status >= 200 && status < 300) {
            // A 2xx carrying an error text is a /query statement that failed for good (its text
            // matched nothing above): the statement is dead-lettered rather than retried forever.
            return text.isEmpty() ? new Outcome(Decision.SUCCESS, "status " + status) : new Outcome(Decision.REJECT, text);
        }
        if (status >= 500 || status == 429 || status == 408) {
            // Server trouble, rate limiting or a timeout upstream: transient by definition.
            return new Outcome(Decision.RETRY, reason);
        }
        if (status == 401 || status == 403) {
            // Wrong or missing credentials: only an operator can fix it; dropping data would be worse.
            return new Outcome(Decision.MISCONFIGURED, reason);
        }
        if (status == 400 || status == 413) {
            // A bad request or a body over max-body-size: halving the batch finds what can be stored.
            return new Outcome(Decision.REJECT, reason);
        }
        // 404 without "database not found", 3xx, other 4xx: the URL does not point at an InfluxDB
        // write endpoint. A configuration problem, not a data problem.
        return new Outcome(Decision.MISCONFIGURED, reason);
    }

    /**
     * The {@code error} of an InfluxDB JSON answer (top level, else the first statement's in
     * {@code results}), read as JSON so every escape is undone (influxd's Go encoder writes
     * {@code <} as {@code \\u003c}); empty for JSON without one; the raw body when it is not JSON.
     */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return trimmed;
        }
        try {
            JsonNode answer = JSON.readTree(trimmed);
            if (answer.path("error").isTextual()) {
                return answer.path("error").asText();
            }
            for (JsonNode result : answer.path("results")) {
                if (result.path("error").isTextual()) {
                    return result.path("error").asText();
                }
            }
            return "";
        } catch (JsonProcessingException e) {
            return ""; // cut short or not JSON after all: no error text to show
        }
    }

    /** Names the failure by the most telling exception in the chain (the JDK wraps them deeply). */
    private static String describe(Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused: " + t.getMessage();
            }
            if (t instanceof HttpTimeoutException) {
                return "timed out: " + t.getMessage();
            }
            root = t;
        }
        String kind = root.getClass().getSimpleName();
        return root.getMessage() == null ? kind : kind + ": " + root.getMessage();
    }
}
