package io.influxha.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.core.config.Durations;
import io.influxha.gateway.auth.Authenticator;
import io.influxha.gateway.auth.QueryAuthorizer;
import io.influxha.gateway.auth.User;
import io.influxha.gateway.influxql.InfluxQl;
import io.influxha.gateway.influxql.ParsedStatement;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code GET|POST /query}, in the order of InfluxDB 1.x's serveQuery: the query is trimmed, its
 * parameters bound and the whole of it parsed by the gateway's InfluxQL front end (a syntax error
 * answers 400 and runs nothing), then every statement is authorized against every database it
 * names. What reaches a backend is only what was parsed: the statements' own text, joined, with
 * bound parameters written in. When one shard can answer every statement, that text goes whole to
 * the shard's best replica and the answer is streamed back untouched ({@link QueryStream}).
 * Otherwise statements run in order and their results are written as they come
 * ({@link AnswerStream}): SELECT and EXPLAIN are merged across shards while they stream, lists and
 * catalog answers are merged whole within {@code gateway.max_merge_size}, changes go through the
 * log ({@link DdlHandler}), refused statements answer 1.8's statement error shape (HTTP 200,
 * {@code "error"} in the result), and as in 1.8 statements after a failed one answer
 * {@code not executed}. docs/query-routing.md.
 */
final class QueryHandler {
    /** Parameters InfluxDB's /query reads, passed to backends as given; {@code q} and {@code params} are replaced by the parsed text. */
    private static final List<String> FORWARDED = List.of("db", "rp", "epoch", "pretty", "chunked", "chunk_size", "u", "p");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String RYW_HEADER = "X-Influxha-Read-Your-Writes";

    private final QueryRouter router;
    private final DdlHandler ddl;
    /** False when the gateway authenticates clients itself: backends then get their configured credentials. */
    private final boolean passCredentials;

    QueryHandler(IngestPublisher publisher, Duration publishTimeout, QueryRouter router, GatewayCatalog catalog, boolean passCredentials) {
        this.router = router;
        this.ddl = new DdlHandler(publisher, publishTimeout, router, catalog);
        this.passCredentials = passCredentials;
    }

    void handle(Context ctx) {
        Instant acceptedAt = Instant.now();
        List<Statement> statements = StatementAnalyzer.analyze(parse(param(ctx, "q"), param(ctx, "params")));
        User user = Authenticator.user(ctx);
        QueryAuthorizer.authorize(user, statements.stream().map(Statement::ast).toList(), param(ctx, "db"));
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : FORWARDED) {
            String value = param(ctx, name);
            if (!value.isEmpty() && (passCredentials || !(name.equals("u") || name.equals("p")))) {
                params.put(name, value);
            }
        }
        try {
            long rywDeadline = readYourWritesDeadline(ctx);
            String shard = DatabaseFilter.needed(user, statements) ? null : router.singleShard(statements);
            if (shard != null) {
                params.put("q", joined(statements));
                QueryStream.forward(ctx, router, shard, params, rywDeadline, passCredentials);
            } else {
                runEach(ctx, statements, params, rywDeadline, user, acceptedAt);
            }
        } catch (StaleReadException e) {
            InfluxErrors.write(ctx, 504, e.getMessage());
        } catch (NoReplicaException e) {
            throw RejectedRequestException.unavailable(e.getMessage(), e);
        } catch (BackendRefusedException e) {
            ctx.status(e.status()).contentType("application/json").result(e.body());
        }
    }

    /** The query's statements as influxd reads them; 400 with influxd's message for anything it would refuse. */
    private static List<ParsedStatement> parse(String q, String params) {
        try {
            return InfluxQl.parseRequest(q, params);
        } catch (InfluxQl.RequestException | InfluxQl.UnboundException e) {
            throw RejectedRequestException.badRequest(e.getMessage());
        }
    }

    /** What a backend gets for the whole query: each statement's text, one per line after its semicolon. */
    private static String joined(List<Statement> statements) {
        StringJoiner q = new StringJoiner(";\n");
        statements.forEach(st -> q.add(st.text()));
        return q.toString();
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

    private void runEach(Context ctx, List<Statement> statements, Map<String, String> params, long rywDeadline, User user,
            Instant acceptedAt) {
        ResultWriter.Format format = ResultWriter.Format.of(ctx.header("Accept"), params.get("chunked"), params.get("chunk_size"),
                params.get("pretty"));
        Map<String, String> backendParams = new LinkedHashMap<>(params);
        backendParams.remove("chunked");
        backendParams.remove("chunk_size");
        backendParams.remove("pretty");
        if (format.csv()) {
            backendParams.putIfAbsent("epoch", "ns"); // 1.8's CSV writer prints times as epoch nanoseconds
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (passCredentials && ctx.header("Authorization") != null) {
            headers.put("Authorization", ctx.header("Authorization"));
        }
        Request request = new Request(backendParams, headers, rywDeadline, user, format.chunkSize());
        AnswerStream answer = new AnswerStream(ctx, format, router.maxMergeSize().bytes());
        boolean failed = false;
        for (int id = 0; id < statements.size() && !answer.cut(); id++) {
            Statement st = statements.get(id);
            if (failed) {
                answer.add(AnswerStream.error(id, "not executed"));
            } else if (st.route() == Statement.Route.REJECT) {
                failed = answer.add(AnswerStream.error(id, st.rejection()));
            } else if (st.isDdl()) {
                ObjectNode result = JSON.objectNode().put("statement_id", id);
                ddl.run(st, params.getOrDefault("db", ""), acceptedAt, ctx.method() == HandlerType.GET, result);
                failed = answer.add(result);
            } else {
                failed = read(answer, id, st, request);
            }
        }
        answer.finish();
    }

    /** What every read statement of one request is asked with. */
    private record Request(Map<String, String> params, Map<String, String> headers, long rywDeadline, User user, int chunkSize) {}

    /**
     * One read statement: SELECT and EXPLAIN streamed, the others merged whole. Refusals a client
     * would get as the request's status become the statement's error once the response started.
     *
     * @return whether it failed
     */
    private boolean read(AnswerStream answer, int id, Statement st, Request r) {
        try {
            if (st.route() == Statement.Route.READ) {
                return answer.stream(id, router.read(st, r.params(), r.headers(), r.rywDeadline(), r.chunkSize()));
            }
            QueryRouter.Answer merged = router.run(st, r.params(), r.headers(), r.rywDeadline());
            return answer.add(id, merged, DatabaseFilter.apply(r.user(), st, merged.result()));
        } catch (BackendRefusedException | StaleReadException e) {
            if (!answer.started()) {
                throw e;
            }
            return answer.add(AnswerStream.error(id, e.getMessage()));
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
