package io.influxha.gateway.query;

import java.util.Set;

/**
 * One statement as routing sees it.
 *
 * @param kind e.g. {@code SELECT}, {@code SHOW TAG VALUES}, {@code DROP MEASUREMENT}
 * @param route what the gateway does with it
 * @param text the statement as the client wrote it
 * @param backendText what a backend is sent: {@code text} without the clauses applied after a merge
 * @param measurements exact measurement names it reads (FROM, WITH MEASUREMENT =)
 * @param everyMeasurement true when it may read any measurement (no FROM, a regex, a subquery-less wildcard)
 * @param database the database it names itself (ON db, FROM db.rp.m, DROP DATABASE db), else null
 * @param limit LIMIT (list merges) or SLIMIT (series merges) applied after the merge, -1 when absent
 * @param offset OFFSET or SOFFSET applied after the merge, 0 when absent
 * @param rejection why the gateway refuses it ({@link Route#REJECT} only), else null
 */
public record Statement(String kind, Route route, String text, String backendText, Set<String> measurements,
        boolean everyMeasurement, String database, long limit, long offset, String rejection) {

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

    public boolean isDdl() {
        return route == Route.DDL;
    }
}
