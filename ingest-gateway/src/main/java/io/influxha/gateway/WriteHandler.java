package io.influxha.gateway;

import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.ParseReport;
import io.influxha.core.lp.Precision;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /write}, in the order of InfluxDB 1.8's serveWriteV1/serveWrite (1.6.7's is the
 * same): precision, db, body (limit, gzip), parse, consistency, retention policy, publish, answer.
 * Differences from 1.8, on purpose: an unknown precision stops the request (1.8 writes the 400 and
 * carries on writing the points), and the decompressed size of a gzip body is bounded too. An
 * unknown database answers 404 and an unknown retention policy 500, as in 1.8, from the catalog
 * ({@link DatabaseGuard}): a body with no valid line is refused (400) before the policy is checked,
 * a partial one is not (500, nothing kept), an empty body is checked too.
 */
final class WriteHandler {
    private static final Set<String> CONSISTENCY = Set.of("any", "one", "quorum", "all");

    private final IngestPublisher publisher;
    private final MemoryBudget memory;
    private final long maxBodySize;
    private final Duration publishTimeout;
    private final LongAdder pointsAccepted = new LongAdder();
    private final DatabaseGuard databases;

    WriteHandler(IngestPublisher publisher, MemoryBudget memory, long maxBodySize, Duration publishTimeout, DatabaseGuard databases) {
        this.publisher = publisher;
        this.databases = databases;
        this.memory = memory;
        this.maxBodySize = maxBodySize;
        this.publishTimeout = publishTimeout;
    }

    long maxBodySize() {
        return maxBodySize;
    }

    long pointsAccepted() {
        return pointsAccepted.sum();
    }

    void handle(Context ctx) throws IOException {
        String precisionParam = param(ctx, "precision");
        Precision precision = Precision.fromWriteParam(precisionParam).orElseThrow(() -> RejectedRequestException.badRequest(
                "invalid precision " + InfluxErrors.goQuote(precisionParam) + " (use n, u, ms, s, m or h)"));
        String db = param(ctx, "db");
        if (db.isEmpty()) {
            throw RejectedRequestException.badRequest("database is required");
        }
        write(ctx, db, param(ctx, "rp"), precision);
    }

    /**
     * The part of serveWrite shared by {@code /write} and {@code /api/v2/write}, once the target
     * database, retention policy and precision are known: body, parse, consistency, publish, answer.
     */
    void write(Context ctx, String db, String rp, Precision precision) throws IOException {
        write(ctx, db, rp, precision, (body, budget) -> body);
    }

    /** Turns a request body into line protocol, charging what it allocates to the request's budget. */
    interface BodyFormat {
        BodyReader.Body toLineProtocol(BodyReader.Body body, MemoryBudget.Reservation budget);
    }

    /** As {@link #write(Context, String, String, Precision)}, for a body in another format (Prometheus remote write). */
    void write(Context ctx, String db, String rp, Precision precision, BodyFormat format) throws IOException {
        databases.require(db); // 1.8 checks before reading the body
        try (MemoryBudget.Reservation reservation = memory.open()) {
            BodyReader.Body body = format.toLineProtocol(BodyReader.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
                    "gzip".equals(ctx.header("Content-Encoding")), maxBodySize, reservation), reservation);
            long receivedNanos = nowNanos();
            PointGrouper grouper = new PointGrouper(db, rp, PointGrouper.RECORD_TARGET_BYTES, reservation);
            ParseReport report = new LineProtocolParser().parse(body.bytes(), 0, body.length(), precision, receivedNanos, grouper);
            if (report.points() == 0 && !report.ok()) {
                throw RejectedRequestException.badRequest(report.influxMessage());
            }
            checkConsistency(param(ctx, "consistency"));
            String policy = databases.requireRetentionPolicy(db, rp); // where 1.x's PointsWriter looks it up
            List<IngestRecord> records = grouper.finish(policy, databases.incarnation(db), databases.policyIncarnation(db, policy));
            Acknowledgements.publishAll(publisher, records, publishTimeout);
            if (!report.ok()) {
                // 1.8: tsdb.PartialWriteError{Reason: parseError}: the good points are kept.
                throw RejectedRequestException.badRequest("partial write: " + report.influxMessage() + " dropped=0");
            }
            pointsAccepted.add(grouper.points());
            ctx.status(204);
        }
    }

    private static void checkConsistency(String level) {
        if (!level.isEmpty() && !CONSISTENCY.contains(level.toLowerCase(Locale.ROOT))) {
            throw RejectedRequestException.badRequest("invalid consistency level");
        }
    }

    static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value;
    }

    /** The receive time, measured once per request, as InfluxDB stamps points without a time. */
    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
