package io.influxha.core.lp;

/**
 * One line that could not be parsed. {@link #getMessage()} is InfluxDB's own wording for the
 * line: {@code unable to parse '<line>': <reason>}; {@link #line()} and {@link #column()} are
 * 1-based positions in the request body.
 */
public final class LineProtocolException extends RuntimeException {
    private final int line;
    private final int column;
    private final String reason;

    public LineProtocolException(String lineText, int line, int column, String reason) {
        super("unable to parse '" + lineText + "': " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** InfluxDB's reason alone, e.g. {@code missing fields}. */
    public String reason() {
        return reason;
    }
}
