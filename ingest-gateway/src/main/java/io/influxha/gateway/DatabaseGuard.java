package io.influxha.gateway;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.config.UdpListenerSettings;
import io.influxha.gateway.influxql.Statement;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the catalog's answer about a write's target becomes the write's answer, as
 * InfluxDB 1.x gives it, so that nothing is acknowledged that no backend could store:
 * <ul>
 *   <li>a database that does not exist: 404 {@code database not found: "db"} (Telegraf answers it by
 *       creating the database), or, with {@code auto_create_databases}, the database is created
 *       through the log like a client's {@code CREATE DATABASE};</li>
 *   <li>a retention policy the database does not have (an empty rp names its default, which keeps
 *       its name when that policy is dropped): 500 {@code retention policy not found: rp}, the
 *       PointsWriter's error, which clients retry until the policy exists. Checked where serveWrite
 *       writes, after the body parsed and the consistency was read;</li>
 *   <li>either unknowable now (the catalog could not be read in time): 503, never a 4xx.</li>
 * </ul>
 * Existence is the catalog's word (databases and policies created through influx-ha, or found on a
 * backend with its database).
 */
final class DatabaseGuard {
    private static final Logger log = LoggerFactory.getLogger(DatabaseGuard.class);

    private final GatewayCatalog catalog;
    private final IngestPublisher publisher;
    private final Duration publishTimeout;
    private final boolean autoCreate;

    DatabaseGuard(GatewayCatalog catalog, IngestPublisher publisher, Duration publishTimeout, boolean autoCreate) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.publishTimeout = publishTimeout;
        this.autoCreate = autoCreate;
    }

    /** @throws RejectedRequestException 404 when the database does not exist (unless created), 503 when that cannot be told now */
    void require(String db) {
        require(db, autoCreate);
    }

    /** As {@link #require(String)}, never creating the database. */
    void requireExisting(String db) {
        require(db, false);
    }

    private void require(String db, boolean create) {
        switch (catalog.database(db, deadline())) {
            case EXISTS -> { }
            case UNKNOWN -> throw RejectedRequestException.unavailable(
                    "influx-ha: cannot tell whether database " + InfluxErrors.goQuote(db) + " exists: the catalog topic could not be read within "
                            + "publish_timeout (is Kafka reachable?)", null);
            case NOT_FOUND -> {
                if (!create) {
                    throw RejectedRequestException.notFound("database not found: " + InfluxErrors.goQuote(db));
                }
                create(db);
            }
        }
    }

    /**
     * The policy a write to {@code db} naming {@code rp} goes to: {@code rp}, or for an empty one the
     * database's default now (empty when the catalog does not know it). Records name it, so a
     * later DEFAULT change, applied at different moments on different replicas, never moves them.
     *
     * @throws RejectedRequestException 500 {@code retention policy not found: <name>} when the database
     *     lacks the policy the write names, 503 when that cannot be told now
     */
    String requireRetentionPolicy(String db, String rp) {
        GatewayCatalog.Policy policy = catalog.retentionPolicy(db, rp, deadline());
        switch (policy.answer()) {
            case EXISTS -> {
                return policy.name();
            }
            case UNKNOWN -> throw RejectedRequestException.unavailable("influx-ha: cannot tell whether retention policy "
                    + InfluxErrors.goQuote(policy.name()) + " exists on database " + InfluxErrors.goQuote(db)
                    + ": the catalog topic could not be read within publish_timeout (is Kafka reachable?)", null);
            case NOT_FOUND -> throw RejectedRequestException.internalError("retention policy not found: " + policy.name());
            default -> throw new IllegalStateException(policy.answer().name());
        }
    }

    /** The incarnation of {@code db} a write accepted now belongs to ("" when the catalog has none). */
    String incarnation(String db) {
        return catalog.incarnation(db);
    }

    /** The incarnation of policy {@code rp} of {@code db} a write accepted now belongs to ("" when unknown). */
    String policyIncarnation(String db, String rp) {
        return catalog.policyIncarnation(db, rp);
    }

    /** Publishes {@code CREATE DATABASE "db"} through the log, in one transaction with its catalog entry. */
    void create(String db) {
        String statement = "CREATE DATABASE " + Catalog.quote(db);
        catalog.record(new Statement.CreateDatabaseStatement(db, false, null, null, "", 0), statement,
                entries -> publisher.publishDdl(db, statement, entries));
    }

    /**
     * What InfluxDB's UDP service does when it opens: creates the listener's database when it is
     * missing (1.x createInternalStorage). It does not create a missing retention policy: every batch
     * then fails ("retention policy not found") and is dropped with a log line until the policy
     * exists. The listener is started either way, so creating the policy through influx-ha is
     * enough; this reports the missing policy once, at ERROR, naming listener, database and policy.
     */
    void openUdp(UdpListenerSettings listener) {
        String db = listener.database();
        try {
            if (catalog.database(db, deadline()) == GatewayCatalog.Answer.NOT_FOUND) {
                create(db);
            }
            GatewayCatalog.Policy policy = catalog.retentionPolicy(db, listener.retentionPolicy(), deadline());
            if (policy.answer() == GatewayCatalog.Answer.NOT_FOUND) {
                log.error("event=udp_retention_policy_not_found listen={} db={} rp={} reason=\"every batch is dropped until the policy "
                        + "exists, as InfluxDB's UDP service drops it; create it through influx-ha\"", listener.listen(), db, policy.name());
            }
        } catch (RuntimeException e) {
            log.warn("event=udp_database_not_created listen={} db={} error=\"{}\"", listener.listen(), db, e.getMessage());
        }
    }

    private long deadline() {
        return System.nanoTime() + publishTimeout.toNanos();
    }
}
