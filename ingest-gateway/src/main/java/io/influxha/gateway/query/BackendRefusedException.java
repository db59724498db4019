package io.influxha.gateway.query;

/**
 * A backend answered a merged statement with a non-200 status (a parse error the gateway's pass
 * let through, an authentication failure): the client gets that status and body unchanged.
 */
public final class BackendRefusedException extends RuntimeException {
    private final int status;
    private final String body;

    BackendRefusedException(String backend, int status, String body) {
        super("backend " + backend + " answered " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
