package io.influxha.writer;

import io.influxha.core.RecordHeaders;
import io.influxha.core.catalog.DdlKinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    /** When the step in flight was sent. */
    private long startedNanos;
    /** Until when a request this partition gave up on may still land; meaningful while {@link #fenced}. */
    private long fenceUntilNanos;
    private boolean fenced;
    /** The takeover window ({@link #provisional(long, long, long)}): open, until when, the commit it started from, and whether anything was sent in it. */
    private boolean provisional;
    private long provisionalUntilNanos;
    private long windowStartOffset = -1;
    private boolean sentProvisionally;
    /** A fence set since the last {@link #takeNewFence}: its commit carries it to the next owner. */
    private boolean newFence;
    private int splits;
    private long readyOffset = -1;
    /** A barrier statement met in this partition and not passed yet. */
    private static final class Open {
        final long firstOffset;
        final Step.Barrier.Statement statement;
        /** Copies met, by the ingest partition they were written to ({@code ddl_copy}; by offset for older records). */
        final java.util.Set<String> copiesSeen = new java.util.HashSet<>();
        boolean complete;
        boolean inBarrier;
        /** Its copies name their ingest partition ({@code ddl_copy}): published in one transaction. */
        boolean named;
        /** How many copies it has ({@code ddl_copies}): the ingest partitions when it was published. */
        int expected;

        Open(long firstOffset, Step.Barrier.Statement statement) {
            this.firstOffset = firstOffset;
            this.statement = statement;
        }
    }

    /**
     * Barrier statements met and not passed yet, in the order they completed or were met. Commits
     * never pass the earliest first copy until the statement is passed, so a restart reads every
     * copy again and counts them right.
     */
    private final Map<String, Open> openBarriers = new LinkedHashMap<>();
    /** Barrier statements this partition had reached before a restart (from its commit's metadata). */
    private List<String> resumeIds = List.of();
    private long resumeOffset = -1;
    private boolean barrierAnnounced;

    /** When this member was assigned the partition ({@link System#nanoTime()}). */
    final long assignedNanos;

    PartitionState(TopicPartition tp, BatchRules rules, AtomicLong pointsWritten, Schema schema) {
        this(tp, rules, pointsWritten, schema, System.nanoTime());
    }

    /** A partition assigned at {@code assignedNanos}, also when it is started again from its commit after a takeover window. */
    PartitionState(TopicPartition tp, BatchRules rules, AtomicLong pointsWritten, Schema schema, long assignedNanos) {
        this.assignedNanos = assignedNanos;
        this.tp = tp;
        this.rules = rules;
        this.incarnations = new IncarnationsMet(schema);
        this.outcomes = new StepOutcomes(tp, rules, pointsWritten, schema);
    }

    private final IncarnationsMet incarnations;

    /** A barrier statement this partition gave up: a copy of it can never arrive here. */
    record Void(Step.Barrier.Statement statement, long firstOffset, String reason) {}

    /** Statements voided since the last call, for the loop to log, count and record. */
    List<Void> drainVoids() {
        List<Void> out = List.copyOf(voids);
        voids.clear();
        return out;
    }

    private final List<Void> voids = new ArrayList<>();
    /** Statements voided here; a copy of one met later is passed over. Bounded: the oldest are forgotten. */
    private final java.util.Set<String> voided = java.util.Collections.newSetFromMap(bounded(LINKS_KEPT));
    /** {@code ddl_prev} of the statements met here: statements committed before each began. */
    private final Map<String, List<String>> previous = bounded(LINKS_KEPT);
    /** The ingest partitions ({@code ddl_copy}) each statement met here has delivered, barrier or not. */
    private final Map<String, java.util.Set<String>> delivered = bounded(DELIVERIES_KEPT);
    private static final int LINKS_KEPT = 10_000;
    private static final int DELIVERIES_KEPT = 1_000;
    /** Statements visited at most by one walk of {@code ddl_prev} links. */
    private static final int WALK_LIMIT = 10_000;

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * The partition's committed offset says it had reached the barrier of {@code ids} at
     * {@code offset}: everything from the commit up to that offset was written (or dead-lettered)
     * before the announcement, so only the barrier's copies are read again, to count them. Writing
     * the rest again would put points back after a DELETE or DROP that was applied meanwhile.
     */
    void resumeBarrier(List<String> ids, long offset) {
        resumeIds = List.copyOf(ids);
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
        boolean doneBefore = record.offset() < resumeOffset;
        if (RecordHeaders.isDdl(record.headers())) {
            String id = RecordHeaders.get(record.headers(), RecordHeaders.DDL_ID);
            String statement = new String(value, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                noteCopy(record, id);
            }
            incarnations.meet(statement, db, RecordHeaders.get(record.headers(), RecordHeaders.DB_INCARNATION),
                    RecordHeaders.get(record.headers(), RecordHeaders.RP), RecordHeaders.get(record.headers(), RecordHeaders.RP_INCARNATION));
            if (!id.isEmpty() && DdlKinds.needsBarrier(statement)) {
                barrierCopy(record, id, db, statement, nowNanos);
                return;
            }
            if (doneBefore) {
                pending.addNoop(record.offset(), nowNanos);
                return;
            }
            // A CREATE for an incarnation dropped since: applied now it would change the one created
            // after. For a policy only what this partition met counts: a CREATE ... DEFAULT leaves the
            // default's name behind its policy's DROP (as 1.x keeps it), so passing it over must not
            // hang on when this writer happened to read the catalog (the reference applier agrees).
            if (incarnations.ended(db, RecordHeaders.get(record.headers(), RecordHeaders.DB_INCARNATION), RecordHeaders.get(record.headers(), RecordHeaders.RP),
                    RecordHeaders.get(record.headers(), RecordHeaders.RP_INCARNATION)) != null) {
                pending.addNoop(record.offset(), nowNanos);
                return;
            }
            sealPending();
            steps.add(new Step.Ddl(id, db, statement, record.offset(), record.offset() + 1, false));
            return;
        }
        if (doneBefore) {
            pending.addNoop(record.offset(), nowNanos);
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
        String incarnation = RecordHeaders.get(record.headers(), RecordHeaders.DB_INCARNATION);
        String policyIncarnation = RecordHeaders.get(record.headers(), RecordHeaders.RP_INCARNATION);
        // A policy's end is judged on what the partition met (IncarnationsMet): an entry rewritten
        // from a stale view, or by an earlier version, must not discard points of a live policy.
        String why = incarnations.ended(db, incarnation, rp, policyIncarnation);
        if (why != null) {
            outcomes.discarded(db, rp, record.offset(), piece.points(), why);
            pending.addNoop(record.offset(), nowNanos);
            return;
        }
        if (pending.wouldOverflow(piece.points(), piece.length(), rules.batchPoints(), rules.batchBytes())) {
            sealPending();
        }
        pending.addData(db, rp, incarnation, policyIncarnation, piece, nowNanos);
        if (pending.isFull(rules.batchPoints(), rules.batchBytes())) {
            sealPending();
        }
    }

    /**
     * One copy of a barrier statement. Copies before the last are passed over (the data between
     * them is written as usual). At the last one the partition stops, unless another statement's
     * copies are still incomplete here (two statements sent at the same moment, whose copies
     * interleave): then it goes on to that one's last copy and both share one stop, so that
     * partitions that met them in different orders can never wait on each other.
     */
    private void barrierCopy(ConsumerRecord<byte[], byte[]> record, String id, String db, String statement, long nowNanos) {
        if (voided.contains(id)) {
            pending.addNoop(record.offset(), nowNanos); // a late or repeated copy of a statement given up here
            return;
        }
        boolean opened = !openBarriers.containsKey(id);
        Open open = openBarriers.computeIfAbsent(id, k -> new Open(record.offset(),
                new Step.Barrier.Statement(id, db, statement, RecordHeaders.get(record.headers(), RecordHeaders.DB_INCARNATION))));
        if (open.inBarrier) {
            return; // a copy met again after the stop (routed twice): nothing more to do
        }
        String copy = RecordHeaders.get(record.headers(), RecordHeaders.DDL_COPY);
        open.named |= !copy.isEmpty();
        open.expected = copies(record);
        open.copiesSeen.add(copy.isEmpty() ? "offset " + record.offset() : copy);
        boolean wasComplete = open.complete;
        boolean resumed = record.offset() == resumeOffset && resumeIds.contains(id);
        open.complete |= open.copiesSeen.size() >= open.expected || resumed;
        if (opened && !open.complete && voidIfOvertaken(open)) {
            pending.addNoop(record.offset(), nowNanos);
            return;
        }
        if (!wasComplete && open.complete && open.named) {
            voidUnnamed(id);
        }
        if (resumed) {
            voidNotAnnounced(record.offset());
        }
        if (!open.complete || openBarriers.values().stream().anyMatch(o -> !o.complete)) {
            return;
        }
        List<Step.Barrier.Statement> statements = new ArrayList<>();
        for (Open o : openBarriers.values()) {
            if (!o.inBarrier) {
                o.inBarrier = true;
                statements.add(o.statement);
            }
        }
        sealPending();
        steps.add(new Step.Barrier(statements, record.offset()));
    }

    /*
     * Voids: an incomplete barrier statement is given up when the records read here prove a copy
     * of it can never arrive (docs/ddl-through-the-log.md), from records alone, so every replica,
     * and this partition read again after a restart, decides the same:
     *  - overtaken: a statement committed after it began (following ddl_prev) has delivered, here,
     *    a copy from an ingest partition it has not: its copy preceded that one there;
     *  - unnamed: a gateway of an earlier version (copies without ddl_copy, sent one by one) left
     *    it incomplete, and a statement naming its copies has completed here since;
     *  - not announced: this partition's announcement, read back after a restart, names a stop
     *    that it was not part of, so it had been given up before.
     */

    /** Records a DDL copy's links and delivery, and voids what it overtakes. */
    private void noteCopy(ConsumerRecord<byte[], byte[]> record, String id) {
        String prev = RecordHeaders.get(record.headers(), RecordHeaders.DDL_PREV);
        if (!prev.isEmpty() && !previous.containsKey(id)) {
            previous.put(id, List.of(prev.split(",")));
        }
        String copy = RecordHeaders.get(record.headers(), RecordHeaders.DDL_COPY);
        if (copy.isEmpty()) {
            return;
        }
        delivered.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(copy);
        List<Open> overtaken = new ArrayList<>();
        for (Open o : openBarriers.values()) {
            if (!o.complete && o.named && !o.statement.id().equals(id) && lacks(o, copy) && committedBefore(o.statement.id(), id)) {
                overtaken.add(o);
            }
        }
        for (Open o : overtaken) {
            giveUp(o, "its copy from ingest partition " + copy + " never came: statement " + id
                    + ", committed after it, came from that partition first");
        }
    }

    /** A statement just opened here: void it if a statement committed after it already delivered a copy it lacks. */
    private boolean voidIfOvertaken(Open open) {
        if (!open.named) {
            return false;
        }
        for (Map.Entry<String, java.util.Set<String>> e : delivered.entrySet()) {
            if (e.getKey().equals(open.statement.id())) {
                continue;
            }
            for (String copy : e.getValue()) {
                if (lacks(open, copy) && committedBefore(open.statement.id(), e.getKey())) {
                    giveUp(open, "its copy from ingest partition " + copy + " never came: statement " + e.getKey()
                            + ", committed after it, came from that partition first");
                    return true;
                }
            }
        }
        return false;
    }

    /** A statement naming its copies completed: statements of an earlier version's gateway still incomplete are given up. */
    private void voidUnnamed(String id) {
        List<Open> unnamed = openBarriers.values().stream().filter(o -> !o.complete && !o.named).toList();
        for (Open o : unnamed) {
            giveUp(o, "a gateway of an earlier version sent " + o.copiesSeen.size() + " of its " + o.expected
                    + " copies and no more; statement " + id + ", published after it, came whole");
        }
    }

    /** At the announced stop after a restart: whatever is still incomplete was given up before it. */
    private void voidNotAnnounced(long offset) {
        List<Open> stale = openBarriers.values().stream().filter(o -> !o.complete).toList();
        for (Open o : stale) {
            giveUp(o, "given up before a restart: the stop this partition announced at offset " + offset + " does not include it");
        }
    }

    private boolean lacks(Open o, String copy) {
        return !o.copiesSeen.contains(copy) && copyIndex(copy) < o.expected;
    }

    private void giveUp(Open o, String reason) {
        openBarriers.remove(o.statement.id());
        voided.add(o.statement.id());
        voids.add(new Void(o.statement, o.firstOffset, reason));
    }

    /** The ingest partition a {@code ddl_copy} names; unreadable ones name none. */
    private static int copyIndex(String copy) {
        try {
            return Integer.parseInt(copy);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Whether, following {@code ddl_prev} links back from {@code later}, {@code earlier} was committed before it began. */
    private boolean committedBefore(String earlier, String later) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(previous.getOrDefault(later, List.of()));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty() && seen.size() < WALK_LIMIT) {
            String at = todo.removeFirst();
            if (at.equals(earlier)) {
                return true;
            }
            if (seen.add(at)) {
                todo.addAll(previous.getOrDefault(at, List.of()));
            }
        }
        return false;
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
        long cap = offset;
        for (Open o : openBarriers.values()) {
            cap = Math.min(cap, o.firstOffset);
        }
        return cap;
    }

    /**
     * The head barrier's announcement is being committed (with metadata naming its statements):
     * the offset to commit with it, which stays at the earliest first copy still held.
     */
    long announceBarrier(Step.Barrier b) {
        barrierAnnounced = true;
        return capCommit(b.offset());
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
        b.ids().forEach(openBarriers::remove);
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
        if (provisional) {
            Step head = steps.peekFirst();
            if (heldInWindow(head)) {
                return null; // a dead letter would be sent twice: it waits for the window's end
            }
            sentProvisionally |= !(head instanceof Step.Commit);
        }
        inFlight = true;
        startedNanos = nowNanos;
        return steps.peekFirst();
    }

    /**
     * A request this partition gave up on (or that a previous owner may have left running) can land
     * in the backend until {@code untilNanos}: until then the partition sends nothing, neither the
     * retry nor anything after it, and reaches no barrier stop (docs/ddl-through-the-log.md, "Late
     * requests"). The bound is {@code writer.late_write_bound} from when the request was sent.
     */
    void fence(long untilNanos, long nowNanos) {
        if (untilNanos - nowNanos <= 0) {
            return;
        }
        if (!fenced || untilNanos - fenceUntilNanos > 0) {
            fenceUntilNanos = untilNanos;
        }
        fenced = true;
        newFence = true;
        if (notBeforeNanos - fenceUntilNanos < 0) {
            notBeforeNanos = fenceUntilNanos;
        }
    }

    /** The step in flight may still land once abandoned (revocation, close): fences from when it was sent. */
    void fenceInFlight(long nowNanos) {
        if (inFlight && rules.lateWriteBoundNanos() > 0) {
            fence(startedNanos + rules.lateWriteBoundNanos(), nowNanos);
        }
    }

    /**
     * The partition was assigned without a clean handover ({@link Handover}): its last owner may
     * have been killed with a request in flight, which can land until {@code writer.late_write_bound}
     * after it was sent, over a newer value of the same point. Until {@code untilNanos} the
     * partition writes its points as usual (so a takeover is visible within the group's session
     * timeout), but commits nothing, sends no dead letter and reaches no barrier; then, if it sent
     * anything, it is started again from the commit it was assigned at and writes the same records
     * once more, after anything the last owner left can have landed (docs/ddl-through-the-log.md,
     * "Taking a partition over").
     */
    void provisional(long untilNanos, long nowNanos, long startOffset) {
        if (untilNanos - nowNanos > 0) {
            provisional = true;
            provisionalUntilNanos = untilNanos;
            windowStartOffset = startOffset;
        }
    }

    /** In a takeover window only writes, CREATEs and no-ops run; anything else waits for its end. */
    private static boolean heldInWindow(Step head) {
        return !(head instanceof Step.Write || head instanceof Step.Ddl || head instanceof Step.Commit);
    }

    /** Whether the takeover window is open: nothing is committed and no barrier is reached. */
    boolean provisional() {
        return provisional;
    }

    /** What the end of the takeover window asks of the loop. */
    enum WindowEnd { NONE, OPEN, CLOSED, WRITE_AGAIN }

    /**
     * Closes the takeover window once its time has passed, nothing is in flight and no request
     * given up on may still land: {@code WRITE_AGAIN} when something was sent in it (the loop then
     * starts the partition again from its assigned commit), {@code CLOSED} when nothing was.
     */
    WindowEnd endWindow(long nowNanos) {
        if (!provisional) {
            return WindowEnd.NONE;
        }
        if (nowNanos - provisionalUntilNanos < 0 || inFlight || fenced(nowNanos)) {
            return WindowEnd.OPEN;
        }
        provisional = false;
        return sentProvisionally ? WindowEnd.WRITE_AGAIN : WindowEnd.CLOSED;
    }

    /**
     * Whether the partition can be handed over clean ({@link Handover}): nothing in flight, no
     * request given up on that may still land, no takeover window open, no barrier announced or
     * resumed (their commit metadata must stay).
     */
    boolean cleanForHandover(long nowNanos) {
        return !inFlight && !fenced(nowNanos) && !provisional && !barrierAnnounced && resumeOffset < 0;
    }

    /** Whether a request given up on may still land now. */
    boolean fenced(long nowNanos) {
        if (fenced && nowNanos - fenceUntilNanos >= 0) {
            fenced = false;
        }
        return fenced;
    }

    long fenceUntilNanos() {
        return fenceUntilNanos;
    }

    /**
     * The offset to commit with a fence set since the last call, so that the partition's next owner
     * keeps it (the head step's first offset, everything before it written, held at an open
     * barrier's first copy as every commit is), or -1.
     */
    long takeNewFence(long nowNanos) {
        if (provisional) {
            // nothing was committed in the window: the fence goes with the commit it started from
            boolean set = newFence && fenced(nowNanos);
            newFence = false;
            return set ? windowStartOffset : -1;
        }
        if (!newFence || !fenced(nowNanos)) {
            newFence = false;
            return -1;
        }
        newFence = false;
        for (Step s : steps) {
            long first = StepOutcomes.firstOffset(s);
            if (first >= 0) {
                return capCommit(first); // held at an open barrier's first copy, as every commit
            }
        }
        return -1;
    }

    /**
     * Applies the result of the step in flight.
     *
     * @return the offset to commit now, or {@link Step#NO_COMMIT}
     */
    long complete(Step step, Reply reply, long nowNanos) {
        inFlight = false;
        StepOutcomes.Next next = outcomes.handle(step, reply, attempts, splits, startedNanos, nowNanos);
        steps.removeFirst();
        for (int i = next.replacement().size() - 1; i >= 0; i--) {
            steps.addFirst(next.replacement().get(i));
        }
        attempts = next.attempts();
        splits = next.splits();
        notBeforeNanos = next.notBeforeNanos();
        if ((step instanceof Step.Write || step instanceof Step.Ddl) && reply.mayStillLand() && rules.lateWriteBoundNanos() > 0) {
            fence(startedNanos + rules.lateWriteBoundNanos(), nowNanos);
        }
        if (fenced(nowNanos) && notBeforeNanos - fenceUntilNanos < 0) {
            notBeforeNanos = fenceUntilNanos;
        }
        if (provisional) {
            return Step.NO_COMMIT;
        }
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
        long wake;
        if (!steps.isEmpty()) {
            Step head = steps.peekFirst();
            boolean held = head instanceof Step.Barrier || provisional && heldInWindow(head);
            wake = held ? Long.MAX_VALUE : notBeforeNanos;
        } else {
            wake = pending.isEmpty() ? Long.MAX_VALUE : pending.dueAtNanos(rules.flushIntervalNanos());
        }
        if (!provisional) {
            return wake;
        }
        // the window ends at its time, or once a fence it waits for ends, never in the past (a busy loop)
        long end = nowNanos - provisionalUntilNanos < 0 ? provisionalUntilNanos : fenced(nowNanos) ? fenceUntilNanos : wake;
        return Math.min(wake, end);
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
