package io.influxha.gateway;

import java.util.Set;
import java.util.function.Supplier;

/**
 * What the backends' {@code SHOW DATABASES} listed, asked again only when the last answer is older
 * than {@code maxAgeNanos}, by one caller at a time: callers arriving meanwhile wait for that
 * answer. So a burst of writes to unknown databases asks the backends at most once per interval.
 */
final class BackendDatabases {
    private final Supplier<Set<String>> source;
    private final long maxAgeNanos;
    private Set<String> seen = Set.of();
    private long seenAtNanos;
    private boolean asked;
    private long asks;

    BackendDatabases(Supplier<Set<String>> source, long maxAgeNanos) {
        this.source = source;
        this.maxAgeNanos = maxAgeNanos;
    }

    synchronized Set<String> get() {
        long now = System.nanoTime();
        if (!asked || now - seenAtNanos > maxAgeNanos) {
            seen = Set.copyOf(source.get());
            seenAtNanos = now;
            asked = true;
            asks++;
        }
        return seen;
    }

    /** How many times the backends were asked. */
    synchronized long asks() {
        return asks;
    }
}
