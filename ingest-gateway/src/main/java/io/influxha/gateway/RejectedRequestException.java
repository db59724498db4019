package io.influxha.gateway;

/**
 * A request the gateway answers with an InfluxDB-shaped error instead of its normal response.
 * The message is the exact text clients see in {@code {"error":"..."}} and {@code X-Influxdb-Error}.
 * A 503 always means "transient, retry": Kafka did not acknowledge, the gateway is out of its
 * in-flight memory budget, or it is shutting down. Never a 4xx for those.
 */
final class RejectedRequestException extends RuntimeException {
    private final int status;

    private RejectedRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static RejectedRequestException badRequest(String message) {
        return new RejectedRequestException(400, message, null);
    }

    static RejectedRequestException notFound(String message) {
        return new RejectedRequestException(404, message, null);
    }

    /** InfluxDB 1.8 answers {@code http.StatusText(413)} for a body over max-body-size. */
    static RejectedRequestException tooLarge() {
        return new RejectedRequestException(413, "Request Entity Too Large", null);
    }

    /** InfluxDB 1.x answers 500 for errors of its PointsWriter that are not the client's (e.g. {@code retention policy not found}). */
    static RejectedRequestException internalError(String message) {
        return new RejectedRequestException(500, message, null);
    }

    static RejectedRequestException unavailable(String message, Throwable cause) {
        return new RejectedRequestException(503, message, cause);
    }

    int status() {
        return status;
    }

    boolean retryable() {
        return status == 503;
    }
}
