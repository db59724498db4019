package io.influxha.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An in-memory ingest topic: records every send and answers with {@link #acks} (default: acknowledged). */
final class FakePublisher implements IngestPublisher {
    final List<IngestRecord> sent = new CopyOnWriteArrayList<>();
    volatile Function<IngestRecord, CompletableFuture<Void>> acks = r -> CompletableFuture.completedFuture(null);
    volatile boolean closed;

    @Override
    public CompletableFuture<Void> send(IngestRecord record) {
        sent.add(record);
        return acks.apply(record);
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
