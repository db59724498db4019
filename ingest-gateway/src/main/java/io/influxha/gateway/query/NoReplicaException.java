package io.influxha.gateway.query;

/** No replica of a shard answered; the message names the shard and why each replica failed. */
public final class NoReplicaException extends RuntimeException {
    NoReplicaException(String message) {
        super(message);
    }
}
