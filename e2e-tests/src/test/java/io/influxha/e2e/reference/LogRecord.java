package io.influxha.e2e.reference;

/**
 * One record of a topic as the record format defines it (README "record format"): data (UTF-8
 * line protocol, ns timestamps) or one DDL statement, with its headers.
 *
 * @param ddlCopies DDL: header {@code ddl_copies}, the number of copies the gateway wrote (0 when absent)
 * @param ddlCopy DDL: header {@code ddl_copy}, the ingest partition this copy was written to, or
 *     null when the gateway does not set it (then copies are counted, not identified)
 * @param incarnation header {@code db_inc}: the database incarnation the record was accepted for ("" when absent)
 * @param policyIncarnation header {@code rp_inc}: the incarnation of policy {@code rp} it was accepted for ("" when absent)
 */
public record LogRecord(String topic, int partition, long offset, boolean ddl, String db, String rp, String ddlId, int ddlCopies,
        Integer ddlCopy, String value, String incarnation, String policyIncarnation) {
    public LogRecord(String topic, int partition, long offset, boolean ddl, String db, String rp, String ddlId, int ddlCopies,
            Integer ddlCopy, String value) {
        this(topic, partition, offset, ddl, db, rp, ddlId, ddlCopies, ddlCopy, value, "", "");
    }

    /** Lines of a data record. */
    public String[] lines() {
        return value.strip().isEmpty() ? new String[0] : value.strip().split("\n");
    }

    /** Where it is: {@code topic/partition@offset}. */
    public String where() {
        return topic + "/" + partition + "@" + offset;
    }
}
