package io.influxha.writer;

import io.influxha.core.RecordHeaders;
import io.influxha.core.catalog.DdlKinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /**
     * Barrier statements met in this partition but not at their last copy yet: id to {first
     * copy's offset, copies seen}. Commits stop at the earliest first copy, so that a restart reads
     * every copy again and counts them right.
     */
    private final Map<String, long[]> openBarriers = new LinkedHashMap<>();
    /** A barrier this partition had reached before a restart (from its commit's metadata). */
    private String resumeId;
    private long resumeOffset = -1;
    private boolean barrierAnnounced;
    private boolean announcementRead;

    PartitionState(TopicPartition tp, BatchRules rules, AtomicLong pointsWritten, Schema schema) {
        this.tp = tp;
        this.rules = rules;
        this.outcomes = new StepOutcomes(tp, rules, pointsWritten, schema);
    }

    /** Whether the commit's barrier announcement was read (once, before the first record). */
    boolean announcementRead() {
        return announcementRead;
    }

    void announcementRead(boolean read) {
        announcementRead = read;
    }

    /** The partition's committed offset says it had reached the barrier of {@code id} at {@code offset}. */
    void resumeBarrier(String id, long offset) {
        resumeId = id;
        resumeOffset = offset;
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
            String id = RecordHeaders.get(record.headers(), RecordHeaders.DDL_ID);
            String statement = new String(value, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty() && DdlKinds.needsBarrier(statement)) {
                barrierCopy(record, id, db, statement, nowNanos);
                return;
            }
            sealPending();
            steps.add(new Step.Ddl(id, db, statement, record.offset(), record.offset() + 1, false));
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

    /**
     * One copy of a barrier statement. Copies before the last are passed over (the data between
     * them is written as usual); the last one ends the batch and becomes the partition's barrier.
     */
    private void barrierCopy(ConsumerRecord<byte[], byte[]> record, String id, String db, String statement, long nowNanos) {
        boolean last;
        if (id.equals(resumeId) && record.offset() == resumeOffset) {
            last = true;
            resumeId = null;
        } else {
            long[] seen = openBarriers.computeIfAbsent(id, k -> new long[] {record.offset(), 0});
            seen[1]++;
            last = seen[1] >= copies(record);
        }
        if (!last) {
            return;
        }
        // The hold at the first copy stays until the barrier is announced: a restart before that
        // must read every copy again to count them.
        openBarriers.putIfAbsent(id, new long[] {record.offset(), 0});
        sealPending();
        steps.add(new Step.Barrier(id, db, statement, record.offset()));
    }

    private static int copies(ConsumerRecord<byte[], byte[]> record) {
        String v = RecordHeaders.get(record.headers(), RecordHeaders.DDL_COPIES);
        try {
            return v.isEmpty() ? 1 : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The offset that may be committed instead of {@code offset}: never past an open barrier's first copy. */
    long capCommit(long offset) {
        return capCommitExcept(null, offset);
    }

    private long capCommitExcept(String id, long offset) {
        long cap = offset;
        for (Map.Entry<String, long[]> open : openBarriers.entrySet()) {
            if (!open.getKey().equals(id)) {
                cap = Math.min(cap, open.getValue()[0]);
            }
        }
        return cap;
    }

    /**
     * The head barrier's announcement is being committed: returns the offset to commit with it (its
     * own copy's, unless another statement's copies are still open before it) and releases the
     * hold of its first copy, since the commit's metadata now marks the last copy.
     */
    long announceBarrier(Step.Barrier b) {
        long offset = capCommitExcept(b.id(), b.offset());
        openBarriers.remove(b.id());
        barrierAnnounced = true;
        return offset;
    }

    /** The barrier at the head of this partition, once everything before it was written; else null. */
    Step.Barrier headBarrier() {
        return !inFlight && !steps.isEmpty() && steps.peekFirst() instanceof Step.Barrier b ? b : null;
    }

    /** Whether the head barrier's position was handed to the committer (with its metadata). */
    boolean barrierAnnounced() {
        return barrierAnnounced;
    }

    /** The backend applied the head barrier: drop it, return the offset to commit. */
    long passBarrier() {
        Step.Barrier b = (Step.Barrier) steps.removeFirst();
        barrierAnnounced = false;
        return capCommit(b.commitOffset());
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
        if (inFlight || steps.isEmpty() || nowNanos - notBeforeNanos < 0 || steps.peekFirst() instanceof Step.Barrier) {
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
        return next.commitOffset() == Step.NO_COMMIT ? Step.NO_COMMIT : capCommit(next.commitOffset());
    }

    /** Stop fetching while retrying, or while a full batch already waits behind the one in flight. */
    boolean wantsPause() {
        if (attempts > 0 || headBarrier() != null) {
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
            return steps.peekFirst() instanceof Step.Barrier ? Long.MAX_VALUE : notBeforeNanos;
        }
        return pending.isEmpty() ? Long.MAX_VALUE : pending.dueAtNanos(rules.flushIntervalNanos());
    }

    boolean idle() {
        return !inFlight && steps.isEmpty() && pending.isEmpty();
    }

    /** Nothing left that this writer could write now: idle, or held at a barrier. */
    boolean settled() {
        return idle() || headBarrier() != null;
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
