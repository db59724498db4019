package io.influxha.gateway;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What the backends' {@code SHOW DATABASES} listed. Asked again only when the last answer is older
 * than {@code maxAgeNanos}, on a thread of its own, one round at a time: callers meanwhile wait for
 * that round's answer, each at most until its own deadline. So a burst of writes to unknown
 * databases asks the backends at most once per interval, and a backend that hangs holds no
 * request longer than its deadline.
 */
final class BackendDatabases implements AutoCloseable {
    private final Supplier<Set<String>> source;
    private final long maxAgeNanos;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backend-databases");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Set<String>> current;
    private long askedAtNanos;
    private long asks;

    BackendDatabases(Supplier<Set<String>> source, long maxAgeNanos) {
        this.source = source;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** The names listed by a round at most {@code maxAgeNanos} old; empty when none answered before the deadline. */
    Optional<Set<String>> get(long deadlineNanos) {
        try {
            return Optional.of(round().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private synchronized CompletableFuture<Set<String>> round() {
        long now = System.nanoTime();
        if (current == null || (current.isDone() && now - askedAtNanos > maxAgeNanos)) {
            askedAtNanos = now;
            asks++;
            current = CompletableFuture.supplyAsync(() -> Set.copyOf(source.get()), asker);
        }
        return current;
    }

    /** How many rounds the backends were asked. */
    synchronized long asks() {
        return asks;
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }
}
