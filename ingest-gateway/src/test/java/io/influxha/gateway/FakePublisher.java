package io.influxha.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory ingest topic: records every send and answers with {@link #acks} (default: acknowledged). */
final class FakePublisher implements IngestPublisher {
    final List<IngestRecord> sent = new CopyOnWriteArrayList<>();
    volatile Function<IngestRecord, CompletableFuture<Void>> acks = r -> CompletableFuture.completedFuture(null);
    final List<io.influxha.core.catalog.CatalogEntry> ddlCatalogEntries = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public CompletableFuture<Void> send(IngestRecord record) {
        sent.add(record);
        return acks.apply(record);
    }

    /** A DDL statement lands as one {@code kind=ddl} record (the real publisher writes a copy per partition). */
    @Override
    public void publishDdl(String db, String statement, List<io.influxha.core.catalog.CatalogEntry> catalogEntries) {
        IngestRecord record = IngestRecord.ddl(db, statement);
        Throwable failed = acks.apply(record).handle((ok, error) -> error).join();
        if (failed != null) {
            throw RejectedRequestException.unavailable("Kafka did not take the statement: " + failed.getMessage(), failed);
        }
        sent.add(record);
        ddlCatalogEntries.addAll(catalogEntries);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Every data line sent, in order, across records. */
    List<String> lines() {
        return sent.stream().flatMap(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).lines()).toList();
    }
}
