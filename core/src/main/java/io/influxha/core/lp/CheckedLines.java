package io.influxha.core.lp;

/**
 * Reads a body the gateway has already parsed and re-encoded (header {@code lines: checked}):
 * one point per line, every line with its nanosecond timestamp, nothing to validate. It only finds
 * what routing needs (measurement and series key ends, where the line ends, that it has a
 * timestamp) and hands the line on to be copied as it is, where {@link LineProtocolParser}
 * re-validates every field and the timestamp is parsed and printed again. String field values may
 * hold spaces and raw newlines, so the field set is read with quoting in mind.
 */
public final class CheckedLines {
    /** Receives each line: its bytes {@code [start, lineEnd]} include the newline and are copied as they are. */
    public interface Sink {
        void line(byte[] buf, int start, int measurementEnd, int seriesEnd, int lineEnd);
    }

    private CheckedLines() {}

    /**
     * Hands every line of {@code buf[start, end)} to {@code sink}.
     *
     * @return the number of points, or -1 when a line is not in the gateway's form (the caller
     *     then starts over with the full parser; points already handed over must be discarded)
     */
    public static int scan(byte[] buf, int start, int end, Sink sink) {
        int points = 0;
        int i = start;
        while (i < end) {
            int line = i;
            int measurementEnd = -1;
            while (i < end && buf[i] != ' ') {
                byte b = buf[i];
                if (b == '\\') {
                    i++;
                } else if (b == ',' && measurementEnd < 0) {
                    measurementEnd = i;
                } else if (b == '\n') {
                    return -1;
                }
                i++;
            }
            if (i >= end) {
                return -1;
            }
            int seriesEnd = i;
            if (measurementEnd < 0) {
                measurementEnd = seriesEnd;
            }
            int lineEnd = fieldsAndTimestampEnd(buf, i + 1, end);
            if (lineEnd < 0) {
                return -1;
            }
            int fieldsEnd = lastSpace(buf, seriesEnd + 1, lineEnd);
            if (fieldsEnd < 0 || measurementEnd == line) {
                return -1;
            }
            if (fieldsEnd + 1 == lineEnd || fieldsEnd + 21 < lineEnd) {
                return -1; // no timestamp, or more digits than a long has
            }
            sink.line(buf, line, measurementEnd, seriesEnd, lineEnd);
            points++;
            i = lineEnd + 1;
        }
        return points;
    }

    /** The index of the newline ending the line whose field set starts at {@code i}; -1 when there is none. */
    private static int fieldsAndTimestampEnd(byte[] buf, int i, int end) {
        boolean afterEquals = false;
        while (i < end) {
            byte b = buf[i];
            if (b == '\\') {
                i += 2;
                afterEquals = false;
                continue;
            }
            if (b == '"' && afterEquals) {
                i++;
                while (i < end && buf[i] != '"') {
                    i += buf[i] == '\\' ? 2 : 1;
                }
                if (i >= end) {
                    return -1;
                }
            } else if (b == '\n') {
                return i;
            }
            afterEquals = b == '=';
            i++;
        }
        return -1;
    }

    /** The last space before {@code lineEnd} at or after {@code from}: the timestamp's separator. */
    private static int lastSpace(byte[] buf, int from, int lineEnd) {
        for (int i = lineEnd - 1; i >= from; i--) {
            if (buf[i] == ' ') {
                return i;
            }
            if (buf[i] < '0' || buf[i] > '9') {
                if (buf[i] != '-') {
                    return -1;
                }
            }
        }
        return -1;
    }
}
