package io.influxha.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends every record of a request, then waits once for all acknowledgements, bounded by
 * {@code gateway.publish_timeout}. The request thread never waits per point or per record while
 * others could be in flight. Any failure or timeout is a 503 with {@code Retry-After}: the client
 * retries the whole request. Records already acknowledged are then published again, which is
 * harmless for points with a timestamp (InfluxDB writes are idempotent per series and time);
 * points the client sent without one are stamped anew, exactly as when InfluxDB itself answers
 * 5xx to a write it partly applied.
 */
final class Acknowledgements {
    private Acknowledgements() {}

    /** @throws RejectedRequestException 503 unless the broker acknowledged every record in time */
    static void publishAll(IngestPublisher publisher, List<IngestRecord> records, Duration timeout) {
        if (records.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        for (IngestRecord record : records) {
            CompletableFuture<Void> ack = publisher.send(record);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break; // e.g. no metadata after max.block.ms: later sends would wait as long again
            }
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw RejectedRequestException.unavailable("Kafka did not acknowledge the write within "
                    + timeout.toMillis() + "ms (gateway.publish_timeout); nothing is lost by retrying", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw RejectedRequestException.unavailable("Kafka did not acknowledge the write: "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "; retry", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RejectedRequestException.unavailable("interrupted while waiting for Kafka; retry", e);
        }
    }
}
