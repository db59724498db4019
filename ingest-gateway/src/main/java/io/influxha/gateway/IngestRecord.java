package io.influxha.gateway;

import io.influxha.core.RecordHeaders;

/**
 * One record for the ingest topic: its key, its headers ({@code db}, {@code rp}, {@code kind})
 * and its value, UTF-8 line protocol with ns timestamps (data) or one InfluxQL statement (ddl).
 *
 * @param points how many points the value holds (0 for DDL)
 */
record IngestRecord(String key, String db, String rp, String kind, byte[] value, int points, String incarnation,
        String policyIncarnation) {

    /** Key {@code db/rp/measurement}: every point of a measurement goes to one ingest partition. */
    static IngestRecord data(String db, String rp, String measurement, byte[] lines, int points) {
        return new IngestRecord(db + "/" + rp + "/" + measurement, db, rp, RecordHeaders.KIND_DATA, lines, points, "", "");
    }

    /** This data record naming policy {@code other} instead (its key too). */
    IngestRecord withRp(String other) {
        String measurement = key.substring(db.length() + 1 + rp.length() + 1);
        return data(db, other, measurement, value, points).withIncarnations(incarnation, policyIncarnation);
    }

    /** This record naming incarnation {@code inc} of its database and {@code policyInc} of its policy ("" for none). */
    IngestRecord withIncarnations(String inc, String policyInc) {
        return new IngestRecord(key, db, rp, kind, value, points, inc, policyInc);
    }

    static IngestRecord ddl(String db, String statement) {
        return new IngestRecord(db, db, "", RecordHeaders.KIND_DDL,
                statement.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, "", "");
    }
}
