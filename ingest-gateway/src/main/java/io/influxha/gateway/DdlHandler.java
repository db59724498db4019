package io.influxha.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.core.catalog.DdlKinds;
import io.influxha.core.config.Durations;
import io.influxha.gateway.influxql.Statement.CreateDatabaseStatement;
import io.influxha.gateway.influxql.Statement.CreateRetentionPolicyStatement;
import io.influxha.gateway.influxql.Statement.AlterRetentionPolicyStatement;
import io.influxha.gateway.influxql.Statement.DropDatabaseStatement;
import io.influxha.gateway.influxql.Statement.DropRetentionPolicyStatement;
import io.influxha.gateway.influxql.StatementPrinter;
import io.influxha.gateway.query.QueryRouter;
import io.influxha.gateway.query.StaleReadException;
import io.influxha.gateway.query.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Statements that change data or schema, run through the log (docs/ddl-through-the-log.md):
 * checked first as influxd would answer them ({@link DdlChecks}), then published with {@code now()}
 * fixed at the time the request was accepted, so every replica applies the same statement whenever
 * it gets there, in one transaction with what it changes in the catalog. A DROP, DELETE or ALTER
 * also waits until the router has routed it, so every write acknowledged after this answer is
 * ordered after it on every replica.
 */
final class DdlHandler {
    private final IngestPublisher publisher;
    private final Duration publishTimeout;
    private final QueryRouter router;
    private final GatewayCatalog catalog;
    private final DdlChecks checks;

    DdlHandler(IngestPublisher publisher, Duration publishTimeout, QueryRouter router, GatewayCatalog catalog) {
        this.publisher = publisher;
        this.publishTimeout = publishTimeout;
        this.router = router;
        this.catalog = catalog;
        this.checks = new DdlChecks(catalog);
    }

    /**
     * Runs one statement into {@code result} (its statement object).
     *
     * @param paramDb the request's {@code db}, the database of DROP MEASUREMENT, DROP SERIES and DELETE
     * @param acceptedAt what {@code now()} means in the statement
     * @param overGet 1.8 warns that a statement changing data came over GET
     */
    void run(Statement st, String paramDb, Instant acceptedAt, boolean overGet, ObjectNode result) {
        String db = database(st.ast(), paramDb);
        String refusal = checks.refusal(st.ast(), db, System.nanoTime() + publishTimeout.toNanos());
        if (refusal != null) {
            result.put("error", refusal);
            return;
        }
        if (db.isEmpty()) {
            return; // DROP DATABASE "" and DROP RETENTION POLICY .. ON "": influxd does nothing and succeeds
        }
        String text = st.parsed().rewrite(acceptedAt, Set.of());
        catalog.record(st.ast(), text, entries -> publisher.publishDdl(db, text, entries));
        String routedWarning = DdlKinds.needsBarrier(text) ? awaitRouted() : null;
        if (overGet) {
            warn(result, "deprecated use of '" + StatementPrinter.print(st.ast()) + "' in a read only context, please use a POST request instead");
        }
        if (routedWarning != null) {
            warn(result, routedWarning);
        }
    }

    /** The database a statement changes: the one it names, else the request's. */
    private static String database(io.influxha.gateway.influxql.Statement ast, String paramDb) {
        if (ast instanceof CreateDatabaseStatement s) {
            return s.name();
        } else if (ast instanceof DropDatabaseStatement s) {
            return s.name();
        } else if (ast instanceof CreateRetentionPolicyStatement s) {
            return s.database();
        } else if (ast instanceof AlterRetentionPolicyStatement s) {
            return s.database();
        } else if (ast instanceof DropRetentionPolicyStatement s) {
            return s.database();
        }
        return paramDb;
    }

    /** Null once the router routed every copy, else the warning the answer carries. */
    private String awaitRouted() {
        if (!router.canAwaitRouted()) {
            return null;
        }
        try {
            router.awaitRouted(System.nanoTime() + publishTimeout.toNanos());
            return null;
        } catch (StaleReadException e) {
            return "influx-ha: the statement is stored and every backend will apply it, but the router had not "
                    + "routed it within publish_timeout (" + Durations.format(publishTimeout) + "), so writes sent now may be "
                    + "ordered before it";
        }
    }

    private static void warn(ObjectNode result, String text) {
        ArrayNode messages = result.has("messages") ? (ArrayNode) result.get("messages") : result.putArray("messages");
        messages.addObject().put("level", "warning").put("text", text);
    }
}
