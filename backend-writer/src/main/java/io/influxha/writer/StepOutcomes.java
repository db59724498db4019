package io.influxha.writer;

import io.influxha.writer.BackendResponse.Decision;
import io.influxha.writer.BackendResponse.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a partition does after a step returned: the classifier's decision turned into the steps
 * that replace the finished one, the retry pacing and the offset that may be committed.
 */
final class StepOutcomes {
    private static final Logger log = LoggerFactory.getLogger(StepOutcomes.class);
    private static final long LOG_EVERY_NANOS = 30_000_000_000L;

    /**
     * @param replacement steps to run in place of the finished one, in order (empty: it is done)
     * @param attempts consecutive failed attempts of the head step (0: not retrying)
     */
    record Next(List<Step> replacement, int attempts, int splits, long notBeforeNanos, long commitOffset) {}

    private final TopicPartition tp;
    private final BatchRules rules;
    private final AtomicLong pointsWritten;
    private final LogThrottle retryLog = new LogThrottle(LOG_EVERY_NANOS);
    private final LogThrottle deadLetterLog = new LogThrottle(LOG_EVERY_NANOS);
    private final Schema schema;
    private long deadLettered;
    private long discardedPoints;
    private final LogThrottle discardLog = new LogThrottle(LOG_EVERY_NANOS);
    /** The db and policy last created from the catalog for the head write; a second miss dead-letters it. */
    private String policyRecreated;

    StepOutcomes(TopicPartition tp, BatchRules rules, AtomicLong pointsWritten, Schema schema) {
        this.tp = tp;
        this.rules = rules;
        this.pointsWritten = pointsWritten;
        this.schema = schema;
    }

    /** @param sentNanos when the step was sent, for the write-latency histogram */
    Next handle(Step step, Reply reply, int attempts, int splits, long sentNanos, long now) {
        Outcome outcome = reply.classify();
        if (step instanceof Step.Write w) {
            WriterMeters.write(rules.backend(), w.segment().points(), now - sentNanos, outcome.decision());
        }
        return switch (outcome.decision()) {
            case SUCCESS -> succeeded(step, attempts, splits, now);
            case RETRY -> retry(step, outcome, attempts + 1, splits, now + rules.backoff().delayNanos(attempts + 1, reply.retryAfter()), now);
            case WAIT_FOR_RETENTION_POLICY -> missingPolicy(step, outcome, attempts + 1, splits, now);
            case MISCONFIGURED -> retry(step, outcome, attempts + 1, splits, now + rules.backoff().slowNanos(), now);
            case CREATE_DATABASE -> createDatabase(step, outcome, attempts + 1, splits, now);
            case REJECT -> reject(step, outcome, attempts, splits, now);
        };
    }

    private Next succeeded(Step step, int attempts, int splits, long now) {
        if (step instanceof Step.Write w) {
            policyRecreated = null;
            pointsWritten.addAndGet(w.segment().points());
            WriterMeters.pointsWritten(rules.backend(), w.segment().points());
        }
        if (step instanceof Step.Ddl d && d.synthetic()) {
            // The write that needed this database or policy goes next, at once; it is still the retried step.
            log.info("event=catalog_statement_applied backend={} topic={} partition={} db={} statement=\"{}\"", rules.backend(), tp.topic(),
                    tp.partition(), d.db(), d.statement());
            return new Next(List.of(), attempts, splits, now, Step.NO_COMMIT);
        }
        if (attempts > 0) {
            log.info("event=backend_recovered backend={} topic={} partition={} retries={}", rules.backend(), tp.topic(), tp.partition(), attempts);
            retryLog.reset();
        }
        boolean batchDone = step.commitOffset() != Step.NO_COMMIT;
        return new Next(List.of(), 0, batchDone ? 0 : splits, now, step.commitOffset());
    }

    private Next retry(Step step, Outcome outcome, int attempts, int splits, long notBefore, long now) {
        WriterMeters.retry(rules.backend(), outcome.decision());
        if (retryLog.allow(now)) {
            String line = "event=write_retry backend={} topic={} partition={} offset={} points={} decision={} retry={} reason=\"{}\"";
            Object[] args = {rules.backend(), tp.topic(), tp.partition(), firstOffset(step), points(step), outcome.decision(), attempts, outcome.reason()};
            if (outcome.decision() == Decision.MISCONFIGURED) {
                log.error(line, args);
            } else {
                log.warn(line, args);
            }
        }
        return new Next(List.of(step), attempts, splits, notBefore, Step.NO_COMMIT);
    }

    /**
     * The backend lacks the database. Only the catalog may bring it back: when the catalog has it,
     * its statements run first and the step is sent again; when the catalog says it was dropped or
     * never created, the data is dead-lettered (it could only resurrect a dropped database); when
     * the catalog cannot tell yet, the step waits.
     */
    private Next createDatabase(Step step, Outcome outcome, int attempts, int splits, long now) {
        String db = step instanceof Step.Write w ? w.segment().db() : step instanceof Step.Ddl d ? d.db() : "";
        if (db.isEmpty() || step instanceof Step.Ddl d && d.synthetic()) {
            return retry(step, outcome, attempts, splits, now + rules.backoff().delayNanos(attempts), now);
        }
        if (step instanceof Step.Write w && !w.segment().incarnation().isEmpty()) {
            // Accepted for one incarnation of the database: only that one may be created for it.
            Next ended = unlessLive(schema.incarnation(db, w.segment().incarnation(), w.segment().readNanos()), w, Decision.RETRY,
                    "its database's incarnation " + w.segment().incarnation(), outcome, attempts, splits, now);
            if (ended != null) {
                return ended;
            }
        }
        List<String> statements = schema.recreate(db);
        if (statements == null) {
            return retry(step, new Outcome(Decision.RETRY, outcome.reason() + " (waiting for the catalog to be read)"),
                    attempts, splits, now + rules.backoff().delayNanos(attempts), now);
        }
        if (statements.isEmpty()) {
            String reason = outcome.reason() + " (the catalog has no database " + io.influxha.core.catalog.Catalog.quote(db)
                    + ": dropped, or never created through influx-ha)";
            return reject(step, new Outcome(Decision.REJECT, reason), 0, BatchRules.MAX_SPLITS_PER_BATCH, now);
        }
        // The first creation goes at once; if the database keeps vanishing, creation backs off too.
        long notBefore = attempts == 1 ? now : now + rules.backoff().delayNanos(attempts - 1);
        List<Step> replacement = new ArrayList<>();
        for (String statement : statements) {
            replacement.add(new Step.Ddl("", db, statement, -1, Step.NO_COMMIT, true));
        }
        replacement.add(step);
        return new Next(replacement, attempts, splits, notBefore, Step.NO_COMMIT);
    }

    /**
     * The backend lacks the retention policy a step names. Every record that could create it for
     * this step is before it in the log (a policy's statement is published, in every ingest
     * partition, before any write the gateway checked against it), so only the catalog may bring
     * it back: when the catalog has it, its statements run first and the step is sent again once;
     * when it is still missing after that, or the catalog says it was dropped or never created, the
     * step is dead-lettered with the reason; when the catalog cannot tell yet, the step waits.
     * A statement (not a write) naming a missing policy is dead-lettered at once. A write naming a
     * policy incarnation ({@code rp_inc}) the catalog shows dropped is discarded, not dead-lettered.
     */
    private Next missingPolicy(Step step, Outcome outcome, int attempts, int splits, long now) {
        if (!(step instanceof Step.Write w)) {
            return reject(step, new Outcome(Decision.REJECT, outcome.reason()), attempts, splits, now);
        }
        if (!w.segment().policyIncarnation().isEmpty()) {
            // Accepted for one incarnation of the policy: dropped since, the points are what that
            // DROP removed; only a live one is created from the catalog.
            Next ended = unlessLive(schema.policyIncarnation(w.segment().db(), w.segment().rp(), w.segment().policyIncarnation(),
                    w.segment().readNanos()), w, Decision.WAIT_FOR_RETENTION_POLICY,
                    "its retention policy's incarnation " + w.segment().policyIncarnation(), outcome, attempts, splits, now);
            if (ended != null) {
                return ended;
            }
        }
        String key = w.segment().db() + "\u0000" + w.segment().rp();
        if (key.equals(policyRecreated)) {
            policyRecreated = null;
            return reject(step, new Outcome(Decision.REJECT, outcome.reason() + " (still missing after the catalog's statements for it ran)"),
                    0, BatchRules.MAX_SPLITS_PER_BATCH, now);
        }
        List<String> statements = schema.recreatePolicy(w.segment().db(), w.segment().rp());
        if (statements == null) {
            return retry(step, new Outcome(Decision.WAIT_FOR_RETENTION_POLICY, outcome.reason() + " (waiting for the catalog to be read)"),
                    attempts, splits, now + rules.backoff().delayNanos(attempts), now);
        }
        String rpName = w.segment().rp().isEmpty() ? "(the default)" : io.influxha.core.catalog.Catalog.quote(w.segment().rp());
        if (statements.isEmpty()) {
            String reason = outcome.reason() + " (the catalog has no retention policy " + rpName + " on "
                    + io.influxha.core.catalog.Catalog.quote(w.segment().db())
                    + " to create: dropped, never created through influx-ha, or made by the database's CREATE and removed from this backend"
                    + " outside influx-ha)";
            return reject(step, new Outcome(Decision.REJECT, reason), 0, BatchRules.MAX_SPLITS_PER_BATCH, now);
        }
        policyRecreated = key;
        log.warn("event=retention_policy_recreated backend={} topic={} partition={} db={} rp={} statements=\"{}\"", rules.backend(),
                tp.topic(), tp.partition(), w.segment().db(), w.segment().rp(), String.join("; ", statements));
        List<Step> replacement = new ArrayList<>();
        for (String statement : statements) {
            replacement.add(new Step.Ddl("", w.segment().db(), statement, -1, Step.NO_COMMIT, true));
        }
        replacement.add(step);
        return new Next(replacement, attempts, splits, now, Step.NO_COMMIT);
    }

    /**
     * For a write naming an incarnation ({@code what}) the backend lacks: null when the catalog
     * shows it live (created from the catalog next); its points discarded when it was dropped; a
     * wait (as {@code waiting}) while the catalog cannot tell.
     */
    private Next unlessLive(io.influxha.core.catalog.Catalog.Incarnation state, Step.Write w, Decision waiting, String what, Outcome outcome,
            int attempts, int splits, long now) {
        return switch (state) {
            case DROPPED -> {
                discarded(w.segment().db(), w.segment().rp(), firstOffset(w), w.segment().points(), what + " was dropped since");
                yield new Next(List.of(), 0, 0, now, w.commitOffset());
            }
            case UNKNOWN -> retry(w, new Outcome(waiting, outcome.reason() + " (waiting for the catalog to be read)"),
                    attempts, splits, now + rules.backoff().delayNanos(attempts), now);
            case LIVE -> null;
        };
    }

    /**
     * Points not written because the database incarnation they were accepted for was dropped:
     * they are what that DROP DATABASE removed, on every replica alike. Counted and logged, not
     * dead-lettered (replaying them would put them in a database created since).
     */
    void discarded(String db, String rp, long offset, int points, String why) {
        WriterMeters.discarded(rules.backend(), points);
        discardedPoints += points;
        if (discardLog.allow(System.nanoTime())) {
            log.warn("event=points_discarded backend={} topic={} partition={} offset={} points={} points_since_start={} db={} rp={} reason=\"{}\"",
                    rules.backend(), tp.topic(), tp.partition(), offset, points, discardedPoints, db, rp, why);
        }
    }

    private Next reject(Step step, Outcome outcome, int attempts, int splits, long now) {
        if (step instanceof Step.Write w) {
            if (w.segment().points() > 1 && splits < BatchRules.MAX_SPLITS_PER_BATCH) {
                // Halve until the refused lines stand alone; the halves that pass are written.
                List<Segment> halves = w.segment().halves();
                return new Next(List.of(new Step.Write(halves.get(0), Step.NO_COMMIT), new Step.Write(halves.get(1), w.commitOffset())),
                        0, splits + 1, now, Step.NO_COMMIT);
            }
            return new Next(deadLetters(w, outcome.reason()), 0, splits, now, Step.NO_COMMIT);
        }
        if (step instanceof Step.Ddl d && !d.synthetic()) {
            log.error("event=ddl_rejected backend={} topic={} partition={} offset={} statement=\"{}\" reason=\"{}\"",
                    rules.backend(), tp.topic(), tp.partition(), d.sourceOffset(), d.statement(), outcome.reason());
            byte[] value = d.statement().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new Next(List.of(new Step.DeadLetter(d.db(), "", value, d.sourceOffset(), outcome.reason(), d.commitOffset())),
                    0, splits, now, Step.NO_COMMIT);
        }
        if (step instanceof Step.Ddl d && d.synthetic() && !d.statement().regionMatches(true, 0, "CREATE DATABASE", 0, 15)) {
            // A retention policy statement of the catalog the backend refuses (it exists already
            // with other settings): the database is there, which is what the data needs.
            log.error("event=catalog_statement_rejected backend={} db={} statement=\"{}\" reason=\"{}\"",
                    rules.backend(), d.db(), d.statement(), outcome.reason());
            return new Next(List.of(), attempts, splits, now, Step.NO_COMMIT);
        }
        // A refused CREATE DATABASE of our own, or a text from nowhere: never drop, retry slowly.
        return retry(step, new Outcome(Decision.MISCONFIGURED, outcome.reason()), attempts + 1, splits, now + rules.backoff().slowNanos(), now);
    }

    private List<Step> deadLetters(Step.Write w, String reason) {
        List<Segment.Piece> pieces = w.segment().pieces();
        List<Step> letters = new ArrayList<>(pieces.size());
        deadLettered += w.segment().points();
        WriterMeters.deadLettered(rules.backend(), w.segment().points());
        if (deadLetterLog.allow(System.nanoTime())) {
            log.error("event=dead_letter backend={} topic={} partition={} offset={} points={} points_since_last_log={} db={} rp={} reason=\"{}\"",
                    rules.backend(), tp.topic(), tp.partition(), pieces.get(0).offset(), w.segment().points(), deadLettered,
                    w.segment().db(), w.segment().rp(), reason);
            deadLettered = 0;
        }
        for (int i = 0; i < pieces.size(); i++) {
            Segment.Piece p = pieces.get(i);
            letters.add(new Step.DeadLetter(w.segment().db(), w.segment().rp(), p.bytes(), p.offset(), reason,
                    i == pieces.size() - 1 ? w.commitOffset() : Step.NO_COMMIT));
        }
        return letters;
    }

    /** The first source offset of a step (-1 for one the writer made up, such as a database recreated from the catalog). */
    static long firstOffset(Step step) {
        if (step instanceof Step.Write w) {
            return w.segment().pieces().get(0).offset();
        }
        if (step instanceof Step.Ddl d) {
            return d.sourceOffset();
        }
        return step instanceof Step.DeadLetter l ? l.sourceOffset() : step.commitOffset() - 1;
    }

    private static int points(Step step) {
        return step instanceof Step.Write w ? w.segment().points() : 0;
    }
}
