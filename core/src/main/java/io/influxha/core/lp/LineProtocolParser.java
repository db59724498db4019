package io.influxha.core.lp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validating InfluxDB 1.x line-protocol parser. Reusable, not thread-safe, allocation-light: a
 * body of valid lines is scanned once, byte by byte, with no per-line object. Every valid line
 * goes to the sink, every invalid one into the report; one bad line never hides a good one.
 *
 * <p>Lines are split as 1.8's scanLine does: a newline inside a quoted string field value does not
 * end the point. Errors carry the 1-based physical line (counting every newline of the body) and
 * the 1-based byte column within that line where the problem was found.
 *
 * <p>Decisions, as InfluxDB 1.8 by default: unsigned {@code 1u} is "invalid number" (1.8 ships
 * with uint support disabled); a field key written twice is accepted (the later value wins when
 * read back), a tag key written twice is "duplicate tags". Differences, all harmless because
 * accepted lines are re-encoded: CRLF line endings are accepted; a {@code #} comment ends at the
 * next newline even if it holds a quote; see {@link LineScanner} for the rest.
 */
public final class LineProtocolParser {
    private final LineScanner scanner = new LineScanner();

    /**
     * Parses a whole request body, passing every valid line to {@code sink} in order and collecting
     * every invalid line. Blank lines and {@code #} comments are skipped.
     *
     * @throws IndexOutOfBoundsException when {@code [offset, offset + length)} is not inside {@code body}
     */
    public ParseReport parse(byte[] body, int offset, int length, Precision precision, long receiveTimeNanos, PointSink sink) {
        Objects.checkFromIndexSize(offset, length, body.length);
        int end = offset + length;
        long defaultTime = precision.truncate(receiveTimeNanos);
        long unit = precision.nanosPerUnit();
        List<LineProtocolException> errors = null;
        int points = 0;
        int line = 1;
        int lineStart = offset;
        int pos = offset;
        while (pos < end) {
            byte c = body[pos];
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == 0 || (c == '\r' && scanner.atLineEndIn(body, pos, end))) {
                pos++;
            } else if (c == '#') {
                pos = nextNewline(body, pos, end);
            } else if (scanner.scan(body, pos, end, unit)) {
                long ts = scanner.hasTimestamp ? scanner.timestampNanos : defaultTime;
                sink.point(body, pos, scanner.measurementEnd, scanner.seriesEnd, scanner.fieldsEnd, ts);
                points++;
                line += scanner.newlines;
                pos = scanner.lineEnd;
            } else {
                int lineEnd = LineSplitter.lineEnd(body, pos, end);
                if (errors == null) {
                    errors = new ArrayList<>();
                }
                errors.add(error(body, pos, lineEnd, line, lineStart));
                line += count(body, pos, lineEnd);
                pos = lineEnd;
            }
        }
        return new ParseReport(points, errors == null ? List.of() : errors);
    }

    private LineProtocolException error(byte[] body, int start, int lineEnd, int line, int lineStart) {
        int at = Math.min(Math.max(scanner.errorPos, start), lineEnd);
        int errLine = line;
        int errLineStart = lineStart;
        for (int k = start; k < at; k++) {
            if (body[k] == '\n') {
                errLine++;
                errLineStart = k + 1;
            }
        }
        int textEnd = lineEnd;
        if (textEnd > start && body[textEnd - 1] == '\r') {
            textEnd--;
        }
        String text = new String(body, start, textEnd - start, StandardCharsets.UTF_8);
        return new LineProtocolException(text, errLine, at - errLineStart + 1, scanner.reason);
    }

    private static int nextNewline(byte[] body, int pos, int end) {
        while (pos < end && body[pos] != '\n') {
            pos++;
        }
        return pos;
    }

    private static int count(byte[] body, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            if (body[k] == '\n') {
                n++;
            }
        }
        return n;
    }
}
