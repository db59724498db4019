package io.influxha.core.lp;

/**
 * Receives each valid line of a body, in order, as offsets into the body (no copy). The line's
 * bytes {@code [start, fieldsEnd)} are measurement, tags and fields exactly as written.
 */
@FunctionalInterface
public interface PointSink {
    /**
     * @param measurementEnd end (exclusive) of the escaped measurement name
     * @param seriesEnd end (exclusive) of measurement plus tag set, the series key as written
     * @param fieldsEnd end (exclusive) of the field set
     * @param timestampNanos the point's own time converted to ns, or the receive time truncated
     *     to the request's precision when the line had none
     */
    void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long timestampNanos);
}
