package io.influxha.gateway.influxql;

/**
 * influxql's rune reader (scanner.go {@code reader}) over a whole query, with its quirks kept,
 * because they decide what a query means and where its errors point:
 * <ul>
 *   <li>{@code \r\n} and a lone {@code \r} read as one {@code \n};</li>
 *   <li>a NUL character reads as end of input (influxql's {@code eof} is rune 0): the scanner
 *       stops there in some places and reads on in others;</li>
 *   <li>positions are 0-based line and character (in code points); once a NUL or the end has been
 *       read, characters are no longer counted, only lines;</li>
 *   <li>{@link #curr()} answers the last character read, after unreads, as the Go buffer does.</li>
 * </ul>
 * Reading past the end keeps answering end of input; every read moves the cursor, so that unread
 * after reading the end works as in Go. Offsets map characters back to the query string.
 */
final class SourceReader {
    static final int EOF = 0;

    private final String source;
    private final int[] chars;
    private final int[] offsets;
    private final int[] lines;
    private final int[] columns;
    /** Position of every read past the end after the first one. */
    private final int laterEofLine;
    private final int laterEofColumn;
    private int cursor;

    SourceReader(String source) {
        this.source = source;
        int n = source.codePointCount(0, source.length());
        int[] cs = new int[n + 1];
        int[] offs = new int[n + 2];
        int[] ls = new int[n + 1];
        int[] cols = new int[n + 1];
        int count = 0;
        int line = 0;
        int col = 0;
        boolean eofSeen = false;
        for (int i = 0; i < source.length(); ) {
            int c = source.codePointAt(i);
            offs[count] = i;
            i += Character.charCount(c);
            if (c == '\r') {
                c = '\n';
                if (i < source.length() && source.charAt(i) == '\n') {
                    i++;
                }
            }
            cs[count] = c;
            ls[count] = line;
            cols[count] = col;
            if (c == '\n') {
                line++;
                col = 0;
            } else if (!eofSeen) {
                col++;
            }
            eofSeen |= c == EOF;
            count++;
        }
        offs[count] = source.length();
        offs[count + 1] = source.length();
        cs[count] = EOF;
        ls[count] = line;
        cols[count] = col;
        this.chars = java.util.Arrays.copyOf(cs, count + 1);
        this.offsets = java.util.Arrays.copyOf(offs, count + 2);
        this.lines = java.util.Arrays.copyOf(ls, count + 1);
        this.columns = java.util.Arrays.copyOf(cols, count + 1);
        this.laterEofLine = line;
        this.laterEofColumn = eofSeen ? col : col + 1;
    }

    /** Reads the next character (EOF at a NUL or past the end) and moves on. */
    int read() {
        int c = charAt(cursor);
        cursor++;
        return c;
    }

    void unread() {
        cursor--;
    }

    /** The last character read: after an unread, the one before it (Go's {@code reader.curr}). */
    int curr() {
        return cursor - 1 < 0 ? EOF : charAt(cursor - 1);
    }

    /** Position of {@link #curr()}. */
    Pos currPos() {
        return pos(cursor - 1);
    }

    /** Index of the next character to read: a token's start or end. */
    int cursor() {
        return cursor;
    }

    /** The query offset (UTF-16) where character {@code index} starts; the query's length past the end. */
    int offset(int index) {
        return offsets[Math.min(Math.max(index, 0), offsets.length - 1)];
    }

    String source() {
        return source;
    }

    private int charAt(int index) {
        return index < chars.length - 1 ? chars[index] : EOF;
    }

    private Pos pos(int index) {
        if (index < 0) {
            return new Pos(0, 0);
        }
        if (index < chars.length) {
            return new Pos(lines[index], columns[index]);
        }
        return new Pos(laterEofLine, laterEofColumn);
    }

    /** influxql's Pos: 0-based line and character; errors print both plus one. */
    record Pos(int line, int column) {}
}
