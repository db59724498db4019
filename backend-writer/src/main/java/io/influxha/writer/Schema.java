package io.influxha.writer;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.core.catalog.CatalogPublisher;
import io.influxha.core.catalog.CatalogTail;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a writer needs from the catalog: how to recreate a database a backend lacks (the catalog
 * is the only source: a replayed batch naming a database never recreates it on its own), and the
 * barrier statements each backend already applied. docs/ddl-through-the-log.md.
 */
interface Schema extends AutoCloseable {
    /**
     * The statements that recreate {@code db} as the catalog knows it; an empty list when the
     * catalog says it does not exist (dropped, or never created through influx-ha); null when the
     * catalog cannot tell yet (not read up to its end recently).
     */
    List<String> recreate(String db);

    /**
     * The statements that create the retention policy a write to {@code db} naming {@code rp} (empty:
     * the database's default) goes to, as the catalog knows it; an empty list when the catalog says
     * the database has no such policy (dropped, or never created through influx-ha); null when the
     * catalog cannot tell yet.
     */
    default List<String> recreatePolicy(String db, String rp) {
        return null;
    }

    /**
     * What the catalog tells of incarnation {@code incarnation} of {@code db}: LIVE, DROPPED, or
     * UNKNOWN; one it has never read counts as DROPPED once it was read to an end observed after
     * {@code readNanos} (a record's incarnation is in the catalog before the record is read, so
     * one missing then was compacted away: dropped long ago).
     */
    default io.influxha.core.catalog.Catalog.Incarnation incarnation(String db, String incarnation, long readNanos) {
        return io.influxha.core.catalog.Catalog.Incarnation.LIVE;
    }

    /** Whether the catalog, as read so far, shows incarnation {@code incarnation} of {@code db} dropped. */
    default boolean knownDropped(String db, String incarnation) {
        return false;
    }

    /** As {@link #incarnation(String, String, long)}, for incarnation {@code incarnation} of policy {@code rp} of {@code db}. */
    default io.influxha.core.catalog.Catalog.Incarnation policyIncarnation(String db, String rp, String incarnation, long readNanos) {
        return io.influxha.core.catalog.Catalog.Incarnation.LIVE;
    }

    /** Whether the catalog, as read so far, shows incarnation {@code incarnation} of policy {@code rp} of {@code db} dropped. */
    default boolean knownPolicyDropped(String db, String rp, String incarnation) {
        return false;
    }

    /** Whether this backend applied the barrier statement {@code ddlId}. */
    boolean applied(String ddlId);

    /**
     * Records that this backend applied {@code ddlId} ({@code result} "ok" or why it was refused).
     *
     * @throws IllegalStateException when it could not be recorded; the caller tries again
     */
    void markApplied(String ddlId, String result);

    /**
     * Whether the catalog has been read up to an end observed at or after {@code nanos}
     * ({@link System#nanoTime()}): then every entry written before that moment, such as another
     * member's record that it applied a statement, is known here.
     */
    default boolean readToEndSince(long nanos) {
        return true;
    }

    /**
     * Without waiting: has the catalog's end looked up unless {@link #readToEndSince} already holds
     * for {@code nanos}, and runs {@code then} (on another thread) once it was read up to that end
     * or the lookup failed.
     */
    default void lookUpEnd(long nanos, Runnable then) {}

    @Override
    default void close() {}

    /** The catalog topic, read by a {@link CatalogTail} and written by a {@link CatalogPublisher}. */
    static Schema of(CatalogTail tail, CatalogPublisher publisher, String backend) {
        return new Schema() {
            private static final long FRESH_NANOS = Duration.ofSeconds(3).toNanos();

            @Override
            public List<String> recreate(String db) {
                Catalog c = tail.catalog();
                if (c.presence(db) == Catalog.Presence.LIVE) {
                    return c.recreate(db);
                }
                return tail.caughtUpWithin(FRESH_NANOS) ? List.of() : null;
            }

            @Override
            public List<String> recreatePolicy(String db, String rp) {
                List<String> statements = tail.catalog().recreatePolicy(db, rp);
                if (!statements.isEmpty()) {
                    return statements;
                }
                return tail.caughtUpWithin(FRESH_NANOS) ? List.of() : null;
            }

            @Override
            public boolean applied(String ddlId) {
                return tail.catalog().applied(backend, ddlId).isPresent();
            }

            @Override
            public Catalog.Incarnation incarnation(String db, String incarnation, long readNanos) {
                Catalog.Incarnation known = tail.catalog().incarnation(db, incarnation);
                if (known != Catalog.Incarnation.UNKNOWN) {
                    return known;
                }
                return tail.readToEndSince(readNanos) ? Catalog.Incarnation.DROPPED : Catalog.Incarnation.UNKNOWN;
            }

            @Override
            public boolean knownDropped(String db, String incarnation) {
                return tail.catalog().incarnation(db, incarnation) == Catalog.Incarnation.DROPPED;
            }

            @Override
            public Catalog.Incarnation policyIncarnation(String db, String rp, String incarnation, long readNanos) {
                Catalog.Incarnation known = tail.catalog().policyIncarnation(db, rp, incarnation);
                if (known != Catalog.Incarnation.UNKNOWN) {
                    return known;
                }
                return tail.readToEndSince(readNanos) ? Catalog.Incarnation.DROPPED : Catalog.Incarnation.UNKNOWN;
            }

            @Override
            public boolean knownPolicyDropped(String db, String rp, String incarnation) {
                return tail.catalog().policyIncarnation(db, rp, incarnation) == Catalog.Incarnation.DROPPED;
            }

            @Override
            public boolean readToEndSince(long nanos) {
                return tail.readToEndSince(nanos);
            }

            @Override
            public void lookUpEnd(long nanos, Runnable then) {
                tail.lookUpEndSince(nanos, then);
            }

            @Override
            public void markApplied(String ddlId, String result) {
                CatalogEntry e = CatalogEntry.applied(backend, ddlId, result);
                publisher.publish(List.of(e), Duration.ofSeconds(10));
                tail.catalog().apply(e); // seen at once by this instance; the tail reads it again later
            }

            @Override
            public void close() {
                tail.close();
                publisher.close();
            }
        };
    }

    /** For tests without Kafka: every database exists in the catalog; applied ids are kept in memory. */
    static Schema inMemory() {
        Set<String> applied = ConcurrentHashMap.newKeySet();
        return new Schema() {
            @Override
            public List<String> recreate(String db) {
                return List.of("CREATE DATABASE " + Catalog.quote(db));
            }

            @Override
            public boolean applied(String ddlId) {
                return applied.contains(ddlId);
            }

            @Override
            public void markApplied(String ddlId, String result) {
                applied.add(ddlId);
            }
        };
    }
}
