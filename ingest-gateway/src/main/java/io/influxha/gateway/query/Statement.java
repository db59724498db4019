package io.influxha.gateway.query;

import io.influxha.gateway.influxql.ParsedStatement;
import java.util.Set;

/**
 * One statement as routing sees it: the parsed statement and what the gateway decided about it.
 *
 * @param parsed the statement, its AST and where it lies in the query
 * @param kind e.g. {@code SELECT}, {@code SHOW TAG VALUES}, {@code DROP MEASUREMENT}
 * @param route what the gateway does with it
 * @param backendText what a backend is sent: the statement without the clauses applied after a merge
 * @param measurements exact measurement names it reads (FROM at any depth, WITH MEASUREMENT =)
 * @param everyMeasurement true when it may read any measurement (no FROM, a regex)
 * @param limit LIMIT (list merges) or SLIMIT (series merges) applied after the merge, -1 when absent
 * @param offset OFFSET or SOFFSET applied after the merge, 0 when absent
 * @param rejection why the gateway refuses it ({@link Route#REJECT} only), else null
 */
public record Statement(ParsedStatement parsed, String kind, Route route, String backendText, Set<String> measurements,
        boolean everyMeasurement, long limit, long offset, String rejection) {

    /** What the gateway does with a statement. */
    public enum Route {
        /** Data reads: one replica of each shard holding the measurements; several shards' series are merged. */
        READ,
        /** One-column lists (SHOW MEASUREMENTS, SHOW SERIES): union of every shard, sorted, LIMIT/OFFSET after. */
        MERGE_LIST,
        /** Per-measurement series (SHOW TAG KEYS|TAG VALUES|FIELD KEYS): series of every shard, sorted by name. */
        MERGE_SERIES,
        /** Catalog every replica holds (SHOW DATABASES|RETENTION POLICIES): union in first-seen order; any shard may be down. */
        MERGE_META,
        /** Per-backend state (SHOW USERS, SHOW QUERIES, ...): any one healthy replica. */
        ANY_REPLICA,
        /** Changes every replica must apply in order: a DDL record through Kafka. */
        DDL,
        /** Would make replicas diverge or has no single home: an InfluxDB-shaped statement error. */
        REJECT
    }

    public io.influxha.gateway.influxql.Statement ast() {
        return parsed.statement();
    }

    /** The statement as analysed, bound parameters written out: what a backend is sent when nothing is merged. */
    public String text() {
        return parsed.text();
    }

    public boolean isDdl() {
        return route == Route.DDL;
    }
}
