package io.influxha.gateway.prom;

/** A remote-write body that is not a snappy block holding a valid WriteRequest; the message says which part failed. */
public final class RemoteWriteException extends RuntimeException {
    RemoteWriteException(String message) {
        super(message);
    }

    RemoteWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
