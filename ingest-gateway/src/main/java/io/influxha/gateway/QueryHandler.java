package io.influxha.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.core.catalog.DdlKinds;
import io.influxha.core.config.Durations;
import io.influxha.gateway.auth.Authenticator;
import io.influxha.gateway.auth.QueryAuthorizer;
import io.influxha.gateway.query.BackendRefusedException;
import io.influxha.gateway.query.NoReplicaException;
import io.influxha.gateway.query.QueryRouter;
import io.influxha.gateway.query.ResultWriter;
import io.influxha.gateway.query.StaleReadException;
import io.influxha.gateway.query.Statement;
import io.influxha.gateway.query.StatementAnalyzer;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET|POST /query}. The whole query is parsed first (a syntax error answers 400 and runs
 * nothing, as InfluxDB's ParseQuery does). When one shard can answer every statement, the query
 * goes whole to that shard's best replica and its answer is streamed back untouched
 * ({@link QueryStream}). Otherwise statements run in order: reads are merged across shards, DDL
 * becomes one {@code kind=ddl} record on the ingest topic (acknowledged like a write), refused
 * statements answer 1.8's statement error shape (HTTP 200, {@code "error"} in the result), and
 * as in 1.8 statements after a failed one answer {@code not executed}. docs/query-routing.md.
 */
final class QueryHandler {
    /** Parameters InfluxDB's /query reads, passed to backends as given. */
    private static final List<String> FORWARDED = List.of("db", "rp", "epoch", "pretty", "chunked", "chunk_size", "params", "u", "p");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String RYW_HEADER = "X-Influxha-Read-Your-Writes";

    private final IngestPublisher publisher;
    private final Duration publishTimeout;
    private final QueryRouter router;
    private final GatewayCatalog catalog;
    /** False when the gateway authenticates clients itself: backends then get their configured credentials. */
    private final boolean passCredentials;

    QueryHandler(IngestPublisher publisher, Duration publishTimeout, QueryRouter router, GatewayCatalog catalog, boolean passCredentials) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.publishTimeout = publishTimeout;
        this.router = router;
        this.passCredentials = passCredentials;
    }

    void handle(Context ctx) {
        String q = param(ctx, "q").trim();
        if (q.isEmpty()) {
            throw RejectedRequestException.badRequest("missing required parameter \"q\"");
        }
        List<Statement> statements = parse(q);
        QueryAuthorizer.authorize(Authenticator.user(ctx), statements, param(ctx, "db"));
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : FORWARDED) {
            String value = param(ctx, name);
            if (!value.isEmpty() && (passCredentials || !(name.equals("u") || name.equals("p")))) {
                params.put(name, value);
            }
        }
        try {
            long rywDeadline = readYourWritesDeadline(ctx);
            String shard = router.singleShard(statements);
            if (shard != null) {
                params.put("q", q);
                QueryStream.forward(ctx, router, shard, params, rywDeadline, passCredentials);
            } else {
                runEach(ctx, statements, params, rywDeadline);
            }
        } catch (StaleReadException e) {
            InfluxErrors.write(ctx, 504, e.getMessage());
        } catch (NoReplicaException e) {
            throw RejectedRequestException.unavailable(e.getMessage(), e);
        } catch (BackendRefusedException e) {
            ctx.status(e.status()).contentType("application/json").result(e.body());
        }
    }

    /**
     * The read-your-writes deadline ({@link System#nanoTime()}), 0 when not asked for: parameter
     * {@code read_your_writes} or header {@code X-Influxha-Read-Your-Writes}, a duration such as
     * {@code 5s}. Step 1 (the router has routed every write acknowledged so far) runs here, once.
     */
    private long readYourWritesDeadline(Context ctx) {
        String wait = param(ctx, "read_your_writes");
        if (wait.isEmpty() && ctx.header(RYW_HEADER) != null) {
            wait = ctx.header(RYW_HEADER).trim();
        }
        if (wait.isEmpty()) {
            return 0;
        }
        Duration timeout;
        try {
            timeout = Durations.parse(wait);
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest("invalid read_your_writes " + InfluxErrors.goQuote(wait) + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long nonZero = deadline == 0 ? 1 : deadline;
        router.awaitRouted(nonZero);
        return nonZero;
    }

    private void runEach(Context ctx, List<Statement> statements, Map<String, String> params, long rywDeadline) {
        boolean csv = ResultWriter.wantsCsv(ctx.header("Accept"));
        Map<String, String> backendParams = new LinkedHashMap<>(params);
        backendParams.remove("chunked");
        backendParams.remove("chunk_size");
        backendParams.remove("pretty");
        if (csv) {
            backendParams.putIfAbsent("epoch", "ns"); // 1.8's CSV writer prints times as epoch nanoseconds
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (passCredentials && ctx.header("Authorization") != null) {
            headers.put("Authorization", ctx.header("Authorization"));
        }
        List<ObjectNode> results = new ArrayList<>();
        List<String> backends = new ArrayList<>();
        List<String> lags = new ArrayList<>();
        boolean failed = false;
        for (int id = 0; id < statements.size(); id++) {
            Statement st = statements.get(id);
            ObjectNode result = JSON.objectNode().put("statement_id", id);
            if (failed) {
                result.put("error", "not executed");
            } else if (st.route() == Statement.Route.REJECT) {
                result.put("error", st.rejection());
            } else if (st.isDdl()) {
                ddl(ctx, st, params.getOrDefault("db", ""), result);
            } else {
                QueryRouter.Answer answer = router.run(st, backendParams, headers, rywDeadline);
                result.setAll(answer.result());
                if (!answer.answeredBy().isEmpty()) {
                    backends.add(answer.backendHeader());
                    lags.add(answer.lagHeader());
                }
            }
            failed |= result.has("error");
            results.add(result);
        }
        if (!backends.isEmpty()) {
            ctx.header(QueryStream.BACKEND_HEADER, String.join(",", backends));
            ctx.header(QueryStream.LAG_HEADER, String.join(",", lags));
        }
        boolean chunked = "true".equals(params.get("chunked"));
        boolean pretty = "true".equals(params.get("pretty"));
        ctx.status(200).contentType(csv ? "text/csv" : "application/json")
                .result(ResultWriter.render(results, chunked, pretty, csv));
    }

    /**
     * Publishes one DDL statement durably, then records what it changed in the catalog. A DROP,
     * DELETE or ALTER also waits until the router has routed it (its last copy is in every shard
     * partition), so that every write acknowledged after this answer is ordered after it on every
     * replica (docs/ddl-through-the-log.md). 1.8's warning when it came over GET.
     */
    private void ddl(Context ctx, Statement st, String paramDb, ObjectNode result) {
        String db = st.database() != null ? st.database() : paramDb;
        if (db.isEmpty()) {
            result.put("error", "database name required");
            return;
        }
        Acknowledgements.publishAll(publisher, List.of(IngestRecord.ddl(db, st.text())), publishTimeout);
        String routedWarning = null;
        if (DdlKinds.needsBarrier(st.text()) && router.canAwaitRouted()) {
            try {
                router.awaitRouted(System.nanoTime() + publishTimeout.toNanos());
            } catch (StaleReadException e) {
                routedWarning = "influx-ha: the statement is stored and every backend will apply it, but the router had not "
                        + "routed it within publish_timeout (" + Durations.format(publishTimeout) + "), so writes sent now may be "
                        + "ordered before it";
            }
        }
        try {
            catalog.record(st.text(), publishTimeout);
        } catch (IllegalStateException e) {
            throw RejectedRequestException.unavailable("influx-ha: the statement is stored but the catalog could not be updated: "
                    + e.getMessage() + "; send it again", e);
        }
        if (ctx.method() == HandlerType.GET) {
            result.putArray("messages").addObject().put("level", "warning").put("text",
                    "deprecated use of '" + st.text() + "' in a read only context, please use a POST request instead");
        }
        if (routedWarning != null) {
            (result.has("messages") ? (com.fasterxml.jackson.databind.node.ArrayNode) result.get("messages") : result.putArray("messages"))
                    .addObject().put("level", "warning").put("text", routedWarning);
        }
    }

    private static List<Statement> parse(String q) {
        try {
            List<Statement> statements = new ArrayList<>();
            for (StatementSplitter.Piece piece : StatementSplitter.split(q)) {
                InfluxQlStatement.parse(piece, q); // syntax: a 400 before anything runs
                statements.add(StatementAnalyzer.analyze(piece.text()));
            }
            return statements;
        } catch (InfluxQlSyntaxException e) {
            throw RejectedRequestException.badRequest("error parsing query: " + e.getMessage());
        }
    }

    /** Like Go's FormValue: a urlencoded POST body first, then the URL's query string. */
    static String param(Context ctx, String name) {
        String value = null;
        String type = ctx.contentType();
        if (ctx.method() == HandlerType.POST && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            value = ctx.formParam(name);
        }
        if (value == null) {
            value = ctx.queryParam(name);
        }
        return value == null ? "" : value;
    }
}
