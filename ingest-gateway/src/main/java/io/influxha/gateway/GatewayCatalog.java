package io.influxha.gateway;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.CatalogPublisher;
import io.influxha.core.catalog.CatalogTail;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.query.CatalogChanges;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The gateway's view of the catalog topic: which databases exist (for writes) and where accepted
 * DDL is recorded. {@link #none()} serves tests without Kafka: every database exists.
 */
interface GatewayCatalog extends AutoCloseable {
    long ADOPT_EVERY_NANOS = 5_000_000_000L;

    /** What a write may rely on. */
    enum Answer { EXISTS, NOT_FOUND, UNKNOWN }

    /**
     * Whether {@code db} exists, after waiting (at most until {@code deadlineNanos}) for the
     * catalog to be read up to its end when the answer would be "not found".
     */
    Answer database(String db, long deadlineNanos);

    /**
     * Whether {@code db} has the retention policy {@code rp} (current incarnation, not dropped),
     * after reading the catalog to its end (at most until {@code deadlineNanos}) before answering no.
     */
    Answer retentionPolicy(String db, String rp, long deadlineNanos);

    /**
     * Records what an accepted DDL statement changed.
     *
     * @param text the statement as published, kept to recreate the definition
     * @throws IllegalStateException when Kafka did not acknowledge it in time
     */
    void record(Statement statement, String text, Duration timeout);

    /** Records databases the backends have that the catalog never knew (live or dropped). */
    void adopt(List<String> databases, Duration timeout);

    @Override
    default void close() {}

    static GatewayCatalog none() {
        return new GatewayCatalog() {
            @Override
            public Answer database(String db, long deadlineNanos) {
                return Answer.EXISTS;
            }

            @Override
            public Answer retentionPolicy(String db, String rp, long deadlineNanos) {
                return Answer.EXISTS;
            }

            @Override
            public void record(Statement statement, String text, Duration timeout) {}

            @Override
            public void adopt(List<String> databases, Duration timeout) {}
        };
    }

    /**
     * @param backendDatabases what the backends have; a name the catalog never knew (neither live
     *     nor dropped) that a backend has is adopted, so databases created on backends directly keep
     *     working. Asked at most every {@link #ADOPT_EVERY_NANOS} ns, only for unknown names.
     */
    static GatewayCatalog kafka(InfluxHaConfig config, String bootstrapServers, Supplier<Set<String>> backendDatabases) {
        CatalogTail tail = CatalogTail.start(bootstrapServers, config.kafka(), "gateway", () -> {});
        CatalogPublisher publisher = CatalogPublisher.create(bootstrapServers, config.kafka(), "gateway");
        return new GatewayCatalog() {
            @Override
            public Answer database(String db, long deadlineNanos) {
                if (tail.catalog().presence(db) == Catalog.Presence.LIVE) {
                    return Answer.EXISTS;
                }
                try {
                    if (!tail.awaitCaughtUp(deadlineNanos)) {
                        return Answer.UNKNOWN;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Answer.UNKNOWN;
                }
                if (tail.catalog().presence(db) == Catalog.Presence.LIVE) {
                    return Answer.EXISTS;
                }
                if (tail.catalog().knows(db)) {
                    return Answer.NOT_FOUND; // dropped through influx-ha: no backend's memory brings it back
                }
                return onBackends().contains(db) && adoptOne(db) ? Answer.EXISTS : Answer.NOT_FOUND;
            }

            private volatile Set<String> seen = Set.of();
            private volatile long seenAtNanos;
            private volatile boolean asked;

            private Set<String> onBackends() {
                long now = System.nanoTime();
                if (!asked || now - seenAtNanos > ADOPT_EVERY_NANOS) {
                    seen = backendDatabases.get();
                    seenAtNanos = now;
                    asked = true;
                }
                return seen;
            }

            private boolean adoptOne(String db) {
                try {
                    adopt(List.of(db), config.gateway().publishTimeout());
                    return true;
                } catch (IllegalStateException e) {
                    return false;
                }
            }

            @Override
            public Answer retentionPolicy(String db, String rp, long deadlineNanos) {
                if (tail.catalog().retentionPolicy(db, rp).isPresent()) {
                    return Answer.EXISTS;
                }
                try {
                    if (!tail.awaitCaughtUp(deadlineNanos)) {
                        return Answer.UNKNOWN;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Answer.UNKNOWN;
                }
                return tail.catalog().retentionPolicy(db, rp).isPresent() ? Answer.EXISTS : Answer.NOT_FOUND;
            }

            @Override
            public synchronized void record(Statement statement, String text, Duration timeout) {
                List<CatalogEntry> changes = CatalogChanges.of(statement, text, tail.catalog());
                if (!changes.isEmpty()) {
                    publisher.publish(changes, timeout);
                    changes.forEach(tail.catalog()::apply); // this gateway's next request sees it at once
                }
            }

            @Override
            public synchronized void adopt(List<String> databases, Duration timeout) {
                List<CatalogEntry> found = databases.stream().filter(db -> !tail.catalog().knows(db))
                        .map(db -> CatalogEntry.database(db, "CREATE DATABASE " + Catalog.quote(db), "autogen")).toList();
                if (!found.isEmpty()) {
                    publisher.publish(found, timeout);
                    found.forEach(tail.catalog()::apply);
                }
            }

            @Override
            public void close() {
                tail.close();
                publisher.close();
            }
        };
    }
}
