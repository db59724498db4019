package io.influxha.writer;

import java.time.Duration;

/**
 * What came back from one step: an HTTP status and body, or the failure when nothing came back.
 *
 * @param retryAfter the server's Retry-After, or null
 */
record Reply(int status, String body, Duration retryAfter, Throwable error) {
    static final Reply OK = new Reply(204, "", null, null);

    static Reply failed(Throwable error) {
        return new Reply(0, "", null, error);
    }

    BackendResponse.Outcome classify() {
        return BackendResponse.classify(status, body, error);
    }
}
