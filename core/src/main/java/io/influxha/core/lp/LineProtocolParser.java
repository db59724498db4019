package io.influxha.core.lp;

/** Validating InfluxDB 1.x line-protocol parser. Reusable, not thread-safe, allocation-light. */
public final class LineProtocolParser {

    /**
     * Parses a whole request body, passing every valid line to {@code sink} in order and collecting
     * every invalid line. Blank lines and {@code #} comments are skipped.
     */
    public ParseReport parse(byte[] body, int offset, int length, Precision precision, long receiveTimeNanos, PointSink sink) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
