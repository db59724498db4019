package io.influxha.core;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names carried by every record, and typed access to them. A record's value is UTF-8 line
 * protocol with nanosecond timestamps (data) or one InfluxQL statement (DDL); headers say which,
 * and for which database and retention policy. An empty {@code rp} means the database's default.
 */
public final class RecordHeaders {
    public static final String DB = "db";
    public static final String RP = "rp";
    /** {@code data} (absent means data) or {@code ddl}. */
    public static final String KIND = "kind";
    public static final String KIND_DATA = "data";
    public static final String KIND_DDL = "ddl";
    /** A record with no content, written once per new partition (KAFKA-15591); consumers skip it. */
    public static final String KIND_NOOP = "noop";
    /**
     * Identity of one DDL statement. The gateway writes a DDL record into every ingest partition
     * (so it is ordered before any write acknowledged after it, whichever partition that write
     * takes); the copies share this id, and a writer applies each id once.
     */
    public static final String DDL_ID = "ddl_id";
    /**
     * How many copies of a DDL statement the gateway wrote (one per ingest partition). The router
     * copies each into every shard partition, so a shard partition holds this many copies; a
     * barrier statement takes effect in a partition at its last copy (docs/ddl-through-the-log.md).
     */
    public static final String DDL_COPIES = "ddl_copies";
    /**
     * Which copy of a DDL statement a record is: the ingest partition the gateway wrote it to
     * (0 .. ddl_copies-1). A barrier completes in a shard partition on that many distinct copies,
     * so a copy routed twice never counts twice. Records of earlier gateways lack it and are counted.
     */
    public static final String DDL_COPY = "ddl_copy";
    /**
     * The id of the statement the same gateway instance committed before this one (absent on its
     * first statement since it started, and on records of earlier gateways). That statement's copy
     * precedes this one's in every ingest partition, so a shard partition that meets this copy
     * from an ingest partition without having met that statement's copy from there never will:
     * the writer voids that statement (docs/ddl-through-the-log.md).
     */
    public static final String DDL_PREV = "ddl_prev";
    /**
     * The incarnation of the record's database when the gateway accepted it (the catalog's
     * {@code incarnation} of {@code db/<db>}): on data, the one written to; on CREATE DATABASE, the
     * one it creates; on DROP DATABASE, the one it ends; on other statements, the one they change.
     * Writers drop what names an incarnation that was dropped since, on every replica alike
     * (docs/ddl-through-the-log.md). Absent on records of earlier versions.
     */
    public static final String DB_INCARNATION = "db_inc";
    /**
     * The incarnation of the record's retention policy when the gateway accepted it (the catalog's
     * {@code policy_incarnation}, or the database's incarnation for the policy its CREATE made): on
     * data, the one written to; on CREATE RETENTION POLICY, the one it creates; on DROP RETENTION
     * POLICY, the one it ends; on ALTER, the one it changes (with header {@code rp} naming the
     * policy). Writers drop data naming a policy incarnation that was dropped since, as for
     * {@link #DB_INCARNATION}. Absent on records of earlier versions.
     */
    public static final String RP_INCARNATION = "rp_inc";

    /**
     * {@code lines: checked} on a data record whose every line the gateway parsed and re-encoded
     * (one point per line, a nanosecond timestamp on each): the router then only scans it
     * ({@link io.influxha.core.lp.CheckedLines}) instead of validating it again. Records from
     * anywhere else (dead-letter replays, other producers) lack it and are parsed in full.
     */
    public static final String LINES = "lines";
    public static final String LINES_CHECKED = "checked";

    /** Dead-letter headers: why and from where a point was rejected. */
    public static final String DLQ_BACKEND = "backend";
    public static final String DLQ_REASON = "reason";
    public static final String DLQ_SOURCE_TOPIC = "source_topic";
    public static final String DLQ_SOURCE_PARTITION = "source_partition";
    public static final String DLQ_SOURCE_OFFSET = "source_offset";

    private RecordHeaders() {}

    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean isNoop(Headers headers) {
        return KIND_NOOP.equals(get(headers, KIND));
    }

    public static boolean isDdl(Headers headers) {
        return KIND_DDL.equals(get(headers, KIND));
    }
}
