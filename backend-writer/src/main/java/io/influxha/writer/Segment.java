package io.influxha.writer;

import io.influxha.core.lp.LineSplitter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of one database and retention policy, in record order: what one HTTP write sends. Each
 * piece remembers the record it came from, so a rejected line can be dead-lettered with its source
 * offset. Immutable.
 */
final class Segment {
    /** Bytes {@code [start, end)} of a record value: one or more newline-terminated lines. */
    record Piece(byte[] buf, int start, int end, int points, long offset) {
        int length() {
            return end - start;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOfRange(buf, start, end);
        }
    }

    private final String db;
    private final String rp;
    private final String incarnation;
    private final String policyIncarnation;
    private final long readNanos;
    private final List<Piece> pieces;
    private final int points;
    private final long bytes;

    Segment(String db, String rp, List<Piece> pieces) {
        this(db, rp, "", "", 0, pieces);
    }

    /**
     * @param incarnation the database incarnation its records name ({@code db_inc}), "" for none
     * @param policyIncarnation the policy incarnation its records name ({@code rp_inc}), "" for none
     * @param readNanos when its first record was read ({@link System#nanoTime()})
     */
    Segment(String db, String rp, String incarnation, String policyIncarnation, long readNanos, List<Piece> pieces) {
        this.db = db;
        this.rp = rp;
        this.incarnation = incarnation;
        this.policyIncarnation = policyIncarnation;
        this.readNanos = readNanos;
        this.pieces = List.copyOf(pieces);
        int p = 0;
        long b = 0;
        for (Piece piece : pieces) {
            p += piece.points();
            b += piece.length();
        }
        this.points = p;
        this.bytes = b;
    }

    static Piece piece(byte[] value, long offset) {
        return new Piece(value, 0, value.length, countLines(value, 0, value.length), offset);
    }

    String db() {
        return db;
    }

    String rp() {
        return rp;
    }

    String incarnation() {
        return incarnation;
    }

    String policyIncarnation() {
        return policyIncarnation;
    }

    long readNanos() {
        return readNanos;
    }

    List<Piece> pieces() {
        return pieces;
    }

    int points() {
        return points;
    }

    long bytes() {
        return bytes;
    }

    /** The write body: every piece, each ending with a newline. */
    byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, bytes + pieces.size()));
        for (Piece p : pieces) {
            out.write(p.buf(), p.start(), p.length());
            if (p.length() > 0 && p.buf()[p.end() - 1] != '\n') {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    /** Two halves by points, in order; only for a segment of more than one point. */
    List<Segment> halves() {
        List<Piece> lines = pieces.size() > 1 ? pieces : splitLines(pieces.get(0));
        int target = points / 2;
        int taken = 0;
        int cut = 0;
        while (cut < lines.size() - 1 && taken + lines.get(cut).points() <= target) {
            taken += lines.get(cut).points();
            cut++;
        }
        cut = Math.max(cut, 1);
        return List.of(new Segment(db, rp, incarnation, policyIncarnation, readNanos, lines.subList(0, cut)),
                new Segment(db, rp, incarnation, policyIncarnation, readNanos, lines.subList(cut, lines.size())));
    }

    private static List<Piece> splitLines(Piece p) {
        List<Piece> lines = new ArrayList<>();
        int lineStart = p.start();
        while (lineStart < p.end()) {
            int newline = LineSplitter.lineEnd(p.buf(), lineStart, p.end());
            int next = Math.min(newline + 1, p.end());
            addLine(lines, p, lineStart, next);
            lineStart = next;
        }
        return lines;
    }

    private static void addLine(List<Piece> lines, Piece p, int start, int end) {
        int n = countLines(p.buf(), start, end);
        if (n > 0) {
            lines.add(new Piece(p.buf(), start, end, n, p.offset()));
        }
    }

    /** Non-blank lines in {@code [start, end)}: the points a backend will see. */
    static int countLines(byte[] buf, int start, int end) {
        int count = 0;
        int i = start;
        while (i < end) {
            int newline = LineSplitter.lineEnd(buf, i, end);
            if (!blank(buf, i, newline)) {
                count++;
            }
            i = newline + 1;
        }
        return count;
    }


    private static boolean blank(byte[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
