package io.influxha.gateway;

import io.influxha.core.catalog.Catalog;
import io.influxha.gateway.influxql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Refuses writes to a database that does not exist, as InfluxDB does (404 {@code database not
 * found: "db"}, which Telegraf answers by creating it), so that nothing is acknowledged that no
 * backend could store. Existence is the catalog's word (databases created through influx-ha, or
 * found on a backend). With {@code auto_create_databases} the database is created instead, through
 * the log like a client's {@code CREATE DATABASE}. When the catalog cannot be read in time the
 * answer is 503: a transient condition never gets a 4xx.
 */
final class DatabaseGuard {
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

    /** @throws RejectedRequestException 404 when the database does not exist, 503 when that cannot be told now */
    void require(String db) {
        switch (catalog.database(db, System.nanoTime() + publishTimeout.toNanos())) {
            case EXISTS -> { }
            case UNKNOWN -> throw RejectedRequestException.unavailable(
                    "influx-ha: cannot tell whether database " + InfluxErrors.goQuote(db) + " exists: the catalog topic could not be read within "
                            + "publish_timeout (is Kafka reachable?)", null);
            case NOT_FOUND -> {
                if (!autoCreate) {
                    throw RejectedRequestException.notFound("database not found: " + InfluxErrors.goQuote(db));
                }
                create(db);
            }
        }
    }

    /** Publishes {@code CREATE DATABASE "db"} through the log and records it in the catalog. */
    void create(String db) {
        String statement = "CREATE DATABASE " + Catalog.quote(db);
        Acknowledgements.publishAll(publisher, List.of(IngestRecord.ddl(db, statement)), publishTimeout);
        try {
            catalog.record(new Statement.CreateDatabaseStatement(db, false, null, null, "", 0), statement, publishTimeout);
        } catch (IllegalStateException e) {
            throw RejectedRequestException.unavailable("influx-ha: database " + InfluxErrors.goQuote(db)
                    + " is being created but the catalog could not be updated: " + e.getMessage(), e);
        }
    }
}
