package io.influxha.writer;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition: its open batch and the steps sealed from it, run strictly in offset
 * order with at most one in flight (per-partition order is what replica convergence needs).
 * Touched only by the poll thread. A new instance is made on every assignment, so results of
 * work started before a revocation are recognised as stale and ignored.
 */
final class PartitionState {
    final TopicPartition tp;
    private final BatchRules rules;
    private final PartitionBatch pending = new PartitionBatch();
    private final Deque<Step> steps = new ArrayDeque<>();
    private final StepOutcomes outcomes;
    private boolean inFlight;
    private int attempts;
    private long notBeforeNanos;
    private int splits;
    private long readyOffset = -1;

    PartitionState(TopicPartition tp, BatchRules rules, AtomicLong pointsWritten) {
        this.tp = tp;
        this.rules = rules;
        this.outcomes = new StepOutcomes(tp, rules, pointsWritten);
    }

    /** Appends one polled record; DDL and undeliverable records end the open batch first. */
    void intake(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
        if (RecordHeaders.isNoop(record.headers())) {
            pending.addNoop(record.offset(), nowNanos);
            return;
        }
        String db = RecordHeaders.get(record.headers(), RecordHeaders.DB);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        if (RecordHeaders.isDdl(record.headers())) {
            sealPending();
            steps.add(new Step.Ddl(RecordHeaders.get(record.headers(), RecordHeaders.DDL_ID), db, new String(value, StandardCharsets.UTF_8).strip(), record.offset(), record.offset() + 1, false));
            return;
        }
        String rp = RecordHeaders.get(record.headers(), RecordHeaders.RP);
        if (db.isEmpty()) {
            sealPending();
            steps.add(new Step.DeadLetter(db, rp, value, record.offset(), "record has no db header", record.offset() + 1));
            return;
        }
        Segment.Piece piece = Segment.piece(value, record.offset());
        if (piece.points() == 0) {
            pending.addNoop(record.offset(), nowNanos);
            return;
        }
        if (pending.wouldOverflow(piece.points(), piece.length(), rules.batchPoints(), rules.batchBytes())) {
            sealPending();
        }
        pending.addData(db, rp, piece, nowNanos);
        if (pending.isFull(rules.batchPoints(), rules.batchBytes())) {
            sealPending();
        }
    }

    /** Seals the open batch when nothing is queued and its oldest record reached the flush interval. */
    void sealIfDue(long nowNanos) {
        if (!pending.isEmpty() && steps.isEmpty() && !inFlight && nowNanos - pending.dueAtNanos(rules.flushIntervalNanos()) >= 0) {
            sealPending();
        }
    }

    /** Ends the open batch now, whatever its age (a full batch, a DDL record, shutdown). */
    void sealPending() {
        if (!pending.isEmpty()) {
            steps.addAll(pending.seal());
        }
    }

    /** The step to start now, marked in flight, or null. */
    Step startNext(long nowNanos) {
        if (inFlight || steps.isEmpty() || nowNanos - notBeforeNanos < 0) {
            return null;
        }
        inFlight = true;
        return steps.peekFirst();
    }

    /**
     * Applies the result of the step in flight.
     *
     * @return the offset to commit now, or {@link Step#NO_COMMIT}
     */
    long complete(Step step, Reply reply, long nowNanos) {
        inFlight = false;
        StepOutcomes.Next next = outcomes.handle(step, reply, attempts, splits, nowNanos);
        steps.removeFirst();
        for (int i = next.replacement().size() - 1; i >= 0; i--) {
            steps.addFirst(next.replacement().get(i));
        }
        attempts = next.attempts();
        splits = next.splits();
        notBeforeNanos = next.notBeforeNanos();
        return next.commitOffset();
    }

    /** Stop fetching while retrying, or while a full batch already waits behind the one in flight. */
    boolean wantsPause() {
        if (attempts > 0) {
            return true;
        }
        long points = pending.points();
        long bytes = pending.bytes();
        boolean first = true;
        for (Step s : steps) {
            if (s instanceof Step.Write w && !(first && inFlight)) {
                points += w.segment().points();
                bytes += w.segment().bytes();
            }
            first = false;
        }
        return points >= rules.batchPoints() || bytes >= rules.batchBytes();
    }

    /** When this partition next has something to do on its own (a due batch, a retry). */
    long wakeAtNanos(long nowNanos) {
        if (inFlight) {
            return Long.MAX_VALUE;
        }
        if (!steps.isEmpty()) {
            return notBeforeNanos;
        }
        return pending.isEmpty() ? Long.MAX_VALUE : pending.dueAtNanos(rules.flushIntervalNanos());
    }

    boolean idle() {
        return !inFlight && steps.isEmpty() && pending.isEmpty();
    }

    /** The offset last handed to the committer for this partition, or -1 before any. */
    long readyOffset() {
        return readyOffset;
    }

    void readyOffset(long offset) {
        readyOffset = offset;
    }

    boolean inFlight() {
        return inFlight;
    }
}
