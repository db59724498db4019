package io.influxha.gateway.auth;

import io.javalin.http.Context;

/**
 * A request refused by auth, with InfluxDB 1.8's status and text. A 401 carries the challenge
 * {@code WWW-Authenticate: Basic realm="InfluxDB"} and, as 1.8's httpError does, no
 * {@code X-Influxdb-Error} header. Messages never contain a password.
 */
public final class AuthException extends RuntimeException {
    static final String CHALLENGE = "Basic realm=\"InfluxDB\"";

    private final int status;

    private AuthException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static AuthException unauthorized(String message) {
        return new AuthException(401, message);
    }

    static AuthException forbidden(String message) {
        return new AuthException(403, message);
    }

    public int status() {
        return status;
    }

    /**
     * Renders a 401 completely (its messages are fixed ASCII texts, so the JSON needs no escaping)
     * and returns true; returns false for a 403, which the caller renders as any InfluxDB error.
     */
    public boolean renderChallenge(Context ctx) {
        if (status != 401) {
            return false;
        }
        ctx.header("WWW-Authenticate", CHALLENGE);
        ctx.status(401).contentType("application/json").result("{\"error\":\"" + getMessage() + "\"}\n");
        return true;
    }
}
