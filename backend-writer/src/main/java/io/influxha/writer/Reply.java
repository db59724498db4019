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

    /**
     * Whether the request may still land in the backend although no answer says it did: it failed
     * after the connection was made (timed out, connection lost mid-request) or a proxy in front of
     * the backend gave up on it (502, 504). A refused or timed-out connection sent nothing.
     */
    boolean mayStillLand() {
        if (error == null) {
            return status == 502 || status == 504;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException
                    || t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return false;
            }
        }
        return true;
    }

    BackendResponse.Outcome classify() {
        return BackendResponse.classify(status, body, error);
    }
}
