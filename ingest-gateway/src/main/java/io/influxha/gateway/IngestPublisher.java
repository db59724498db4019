package io.influxha.gateway;

import io.influxha.core.catalog.CatalogEntry;
import java.util.List;
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

    /**
     * Publishes one DDL statement (a copy in every ingest partition) with its catalog entries, all
     * or none, before returning.
     *
     * @throws RejectedRequestException 503 when Kafka did not take it in time
     */
    void publishDdl(String db, String statement, List<CatalogEntry> catalogEntries);

    /** Sends what is buffered, waits for it (bounded) and releases the connection. */
    @Override
    void close();
}
