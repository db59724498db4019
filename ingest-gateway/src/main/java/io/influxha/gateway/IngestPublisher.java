package io.influxha.gateway;

import java.util.concurrent.CompletableFuture;

/**
 * Where handlers hand records to Kafka; the seam unit tests replace with a fake. Records sent by
 * one thread keep their order per key.
 */
interface IngestPublisher extends AutoCloseable {

    /**
     * Starts sending; never blocks longer than the producer's {@code max.block.ms}. The future
     * completes when the broker acknowledged the record ({@code acks=all}) or exceptionally.
     */
    CompletableFuture<Void> send(IngestRecord record);

    /** Sends what is buffered, waits for it (bounded) and releases the connection. */
    @Override
    void close();
}
