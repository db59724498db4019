package io.influxha.gateway.query;

/** A read-your-writes request whose writes had not reached a replica by its deadline. */
public final class StaleReadException extends RuntimeException {
    StaleReadException(String message) {
        super(message);
    }
}
