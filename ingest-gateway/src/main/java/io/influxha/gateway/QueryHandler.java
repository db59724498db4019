package io.influxha.gateway;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET|POST /query}. The whole query is parsed first (a syntax error answers 400 and runs
 * nothing, as InfluxDB's ParseQuery does), then statements run in order: each routed DDL
 * statement becomes one {@code kind=ddl} record on the ingest topic, acknowledged like a write,
 * and answers {@code {"statement_id":N}}. Other statements are not routed yet and answer the
 * statement error shape of 1.8 (HTTP 200, {@code "error"} in the statement's result); as in 1.8,
 * statements after a failed one answer {@code not executed}. The query-routing issue replaces this
 * with forwarding reads to a backend.
 */
final class QueryHandler {
    private final IngestPublisher publisher;
    private final Duration publishTimeout;

    QueryHandler(IngestPublisher publisher, Duration publishTimeout) {
        this.publisher = publisher;
        this.publishTimeout = publishTimeout;
    }

    void handle(Context ctx) {
        String q = param(ctx, "q").trim();
        if (q.isEmpty()) {
            throw RejectedRequestException.badRequest("missing required parameter \"q\"");
        }
        List<InfluxQlStatement> statements = parse(q);
        boolean readOnly = ctx.method() == HandlerType.GET;
        List<IngestRecord> records = new ArrayList<>();
        StringBuilder results = new StringBuilder();
        boolean failed = false;
        for (int id = 0; id < statements.size(); id++) {
            InfluxQlStatement st = statements.get(id);
            results.append(id == 0 ? "" : ",").append("{\"statement_id\":").append(id);
            if (failed) {
                results.append(",\"error\":\"not executed\"");
            } else if (st.isDdl()) {
                records.add(IngestRecord.ddl(st.database(), st.text()));
                if (readOnly) {
                    results.append(",\"messages\":[{\"level\":\"warning\",\"text\":").append(InfluxErrors.jsonString(
                            "deprecated use of '" + st.text() + "' in a read only context, please use a POST request instead"))
                            .append("}]");
                }
            } else {
                failed = true;
                results.append(",\"error\":").append(InfluxErrors.jsonString(
                        "influx-ha: " + st.kind() + " statements are not routed yet"));
            }
            results.append('}');
        }
        Acknowledgements.publishAll(publisher, records, publishTimeout);
        ctx.status(200).contentType("application/json").result("{\"results\":[" + results + "]}\n");
    }

    private static List<InfluxQlStatement> parse(String q) {
        try {
            List<InfluxQlStatement> statements = new ArrayList<>();
            for (StatementSplitter.Piece piece : StatementSplitter.split(q)) {
                statements.add(InfluxQlStatement.parse(piece, q));
            }
            return statements;
        } catch (InfluxQlSyntaxException e) {
            throw RejectedRequestException.badRequest("error parsing query: " + e.getMessage());
        }
    }

    /** Like Go's FormValue: a urlencoded POST body first, then the URL's query string. */
    private static String param(Context ctx, String name) {
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
