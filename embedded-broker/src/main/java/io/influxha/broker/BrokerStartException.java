package io.influxha.broker;

/** The broker could not be started: bad data dir, locked data dir, no free port, or not ready in time. */
public final class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
