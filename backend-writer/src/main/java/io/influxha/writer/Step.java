package io.influxha.writer;

/**
 * One unit of work of a partition, run strictly in order, one at a time. {@code commitOffset} is
 * the offset to commit once this step and every step before it succeeded, or {@link #NO_COMMIT}
 * when a record it covers continues in a later step.
 */
sealed interface Step {
    long NO_COMMIT = -1;

    long commitOffset();

    /** Points of one db/rp, sent with one {@code /write}. */
    record Write(Segment segment, long commitOffset) implements Step {}

    /**
     * One InfluxQL statement sent to {@code /query}.
     *
     * @param id the record's {@code ddl_id} (copies of one statement share it), "" when none
     * @param synthetic created by the writer itself (CREATE DATABASE after "database not found"),
     *     not read from a record: it is never dead-lettered
     */
    record Ddl(String id, String db, String statement, long sourceOffset, long commitOffset, boolean synthetic) implements Step {}

    /** Points (or a statement) the backend refused for good, sent to the dead-letter topic. */
    record DeadLetter(String db, String rp, byte[] value, long sourceOffset, String reason, long commitOffset) implements Step {}

    /**
     * The last copy of a DROP, DELETE or ALTER in this partition: everything before it is written,
     * nothing after it may be until the backend applied the statement (docs/ddl-through-the-log.md).
     * Usually one statement; several when their copies interleaved in this partition (statements
     * sent at the same moment), which then share this one stop. Never started like the other
     * steps: {@link Barriers} holds it at the head of its partition.
     */
    record Barrier(java.util.List<Statement> statements, long offset) implements Step {
        /** One barrier statement: its {@code ddl_id}, database, text, and the database incarnation it was accepted for ("" when none). */
        record Statement(String id, String db, String text, String incarnation) {
            Statement(String id, String db, String text) {
                this(id, db, text, "");
            }
        }

        public Barrier {
            statements = java.util.List.copyOf(statements);
        }

        java.util.List<String> ids() {
            return statements.stream().map(Statement::id).toList();
        }

        @Override
        public long commitOffset() {
            return offset + 1;
        }
    }

    /** Nothing to send (no-op records): only advances the committed offset. */
    record Commit(long commitOffset) implements Step {}
}
