package io.influxha.writer;

import java.util.ArrayList;
import java.util.List;

/**
 * The open batch of one partition: records appended in offset order, grouped into runs of the
 * same db/rp (one HTTP write each). Sealing turns it into steps whose last one commits the offset
 * after the batch's last record, no-op records included.
 */
final class PartitionBatch {
    private final List<Segment> runs = new ArrayList<>();
    private final List<Segment.Piece> current = new ArrayList<>();
    private String db;
    private String rp;
    private String incarnation;
    private String policyIncarnation;
    private long runReadNanos;
    private int points;
    private long bytes;
    private long firstAppendNanos;
    private long lastOffset = -1;

    void addData(String db, String rp, Segment.Piece piece, long nowNanos) {
        addData(db, rp, "", "", piece, nowNanos);
    }

    /**
     * A record's lines, of incarnation {@code incarnation} of its database and
     * {@code policyIncarnation} of its policy ("" when it names none).
     */
    void addData(String db, String rp, String incarnation, String policyIncarnation, Segment.Piece piece, long nowNanos) {
        if (!current.isEmpty() && (!db.equals(this.db) || !rp.equals(this.rp) || !incarnation.equals(this.incarnation)
                || !policyIncarnation.equals(this.policyIncarnation))) {
            closeRun();
        }
        if (current.isEmpty()) {
            runReadNanos = nowNanos;
        }
        this.db = db;
        this.rp = rp;
        this.incarnation = incarnation;
        this.policyIncarnation = policyIncarnation;
        current.add(piece);
        points += piece.points();
        bytes += piece.length();
        touch(piece.offset(), nowNanos);
    }

    /** A record with nothing to write: covered by this batch's commit. */
    void addNoop(long offset, long nowNanos) {
        touch(offset, nowNanos);
    }

    private void touch(long offset, long nowNanos) {
        if (lastOffset < 0) {
            firstAppendNanos = nowNanos;
        }
        lastOffset = offset;
    }

    boolean isEmpty() {
        return lastOffset < 0;
    }

    int points() {
        return points;
    }

    long bytes() {
        return bytes;
    }

    boolean isFull(int maxPoints, long maxBytes) {
        return points >= maxPoints || bytes >= maxBytes;
    }

    /** Whether adding this much would cross a limit (an empty batch always takes a record). */
    boolean wouldOverflow(int morePoints, long moreBytes, int maxPoints, long maxBytes) {
        return !isEmpty() && (points + morePoints > maxPoints || bytes + moreBytes > maxBytes);
    }

    /** Nanos when the oldest record reaches {@code flushIntervalNanos} of age. */
    long dueAtNanos(long flushIntervalNanos) {
        return firstAppendNanos + flushIntervalNanos;
    }

    /** The batch as steps, in order; the batch is empty afterwards. */
    List<Step> seal() {
        closeRun();
        List<Step> steps = new ArrayList<>(runs.size() + 1);
        long commit = lastOffset + 1;
        if (runs.isEmpty()) {
            steps.add(new Step.Commit(commit));
        }
        for (int i = 0; i < runs.size(); i++) {
            steps.add(new Step.Write(runs.get(i), i == runs.size() - 1 ? commit : Step.NO_COMMIT));
        }
        runs.clear();
        points = 0;
        bytes = 0;
        lastOffset = -1;
        return steps;
    }

    private void closeRun() {
        if (!current.isEmpty()) {
            runs.add(new Segment(db, rp, incarnation, policyIncarnation, runReadNanos, current));
            current.clear();
        }
    }
}
