package io.influxha.router;

import io.influxha.core.RecordHeaders;
import io.influxha.core.lp.CheckedLines;
import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.ParseReport;
import io.influxha.core.lp.Precision;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one ingest record. {@code noop} records are skipped; DDL is copied unchanged to every
 * partition of every shard topic, so each writer meets it in each partition after the data routed
 * before it; data is parsed and re-batched into one record per (measurement, shard partition),
 * keyed {@code db/rp/measurement}, headers copied. Lines that do not parse go, together, to the
 * dead-letter topic; the good lines of the same record are still routed (poison never blocks a
 * partition). All output of one input record is forwarded in input order, so per-partition order
 * follows ingest order within one ingest partition.
 */
final class RoutingProcessor implements Processor<byte[], byte[], byte[], Routed> {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final byte[] EMPTY = new byte[0];
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(RoutingProcessor.class);

    private final RouteTable routes;
    private final RouterCounters counters;
    private final LineProtocolParser parser = new LineProtocolParser();
    private final PointGroups groups;
    private ProcessorContext<byte[], Routed> context;
    private long lastWarnNanos = System.nanoTime() - WARN_EVERY_NANOS;

    RoutingProcessor(RouteTable routes, RouterCounters counters) {
        this.routes = routes;
        this.counters = counters;
        this.groups = new PointGroups(routes);
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Headers headers = record.headers();
        if (RecordHeaders.isNoop(headers)) {
            return;
        }
        if (RecordHeaders.isDdl(headers)) {
            broadcast(record);
        } else if (RecordHeaders.get(headers, RecordHeaders.DB).isEmpty()) {
            byte[] body = record.value() == null ? EMPTY : record.value();
            deadLetter(record, body, "missing header \"" + RecordHeaders.DB + "\": the database of a data record is unknown");
        } else {
            route(record);
        }
    }

    private void broadcast(Record<byte[], byte[]> record) {
        for (Target target : routes.all()) {
            context.forward(record.withValue(new Routed(target.topic(), target.all(), record.value()))
                    .withHeaders(copy(record.headers())));
        }
        counters.ddl.increment();
    }

    private void route(Record<byte[], byte[]> record) {
        byte[] body = record.value() == null ? EMPTY : record.value();
        groups.start(body.length);
        ParseReport report = null;
        if (RecordHeaders.LINES_CHECKED.equals(RecordHeaders.get(record.headers(), RecordHeaders.LINES))) {
            int points = CheckedLines.scan(body, 0, body.length, groups);
            if (points >= 0) {
                report = new ParseReport(points, java.util.List.of());
            } else {
                groups.start(body.length); // not in the gateway's form after all: validate it in full
            }
        }
        if (report == null) {
            // Lines without a timestamp (never from the gateway) get the record's time: deterministic on replay.
            report = parser.parse(body, 0, body.length, Precision.NANOSECONDS, nanos(record.timestamp()), groups);
        }
        String keyPrefix = RecordHeaders.get(record.headers(), RecordHeaders.DB) + "/"
                + RecordHeaders.get(record.headers(), RecordHeaders.RP) + "/";
        for (PointGroups.Group g : groups.groups()) {
            byte[] key = (keyPrefix + g.measurement()).getBytes(StandardCharsets.UTF_8);
            Routed out = new Routed(g.target().topic(), g.target().only(g.partition()), g.batch().toByteArray());
            context.forward(record.withKey(key).withValue(out).withHeaders(copy(record.headers())));
        }
        groups.clear();
        counters.records.increment();
        counters.points.add(report.points());
        if (!report.ok()) {
            counters.rejectedLines.add(report.errors().size());
            deadLetter(record, DeadLetters.badLines(report.errors()), DeadLetters.reason(report.errors()));
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, byte[] lines, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Headers headers = DeadLetters.headers(record.headers(), reason, source);
        context.forward(record.withValue(new Routed(routes.dlqTopic(), Optional.empty(), lines)).withHeaders(headers));
        long now = System.nanoTime();
        if (now - lastWarnNanos >= WARN_EVERY_NANOS) { // at most one line per 10 s per task: the counters have the totals
            lastWarnNanos = now;
            log.warn("event=dead_letter topic={} partition={} offset={} dlq={} reason=\"{}\"", source.topic(), source.partition(),
                    source.offset(), routes.dlqTopic(), reason.lines().findFirst().orElse(""));
        }
    }

    /** Saturates instead of overflowing: a producer's absurd record time must not stop the router. */
    static long nanos(long millis) {
        return millis >= Long.MAX_VALUE / NANOS_PER_MILLI ? Long.MAX_VALUE : millis * NANOS_PER_MILLI;
    }

    private static Headers copy(Headers headers) {
        return new org.apache.kafka.common.header.internals.RecordHeaders(headers.toArray());
    }
}
