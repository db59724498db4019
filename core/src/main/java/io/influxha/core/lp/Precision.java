package io.influxha.core.lp;

import java.util.Optional;

/** Timestamp precision of a write request; every point leaves the gateway in nanoseconds. */
public enum Precision {
    NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS;

    /** The {@code /write} set: "" (ns), n, ns, u, ms, s, m, h. */
    public static Optional<Precision> fromWriteParam(String value) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The {@code /api/v2/write} set: "" (ns), ns, us, ms, s. */
    public static Optional<Precision> fromV2Param(String value) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** @throws ArithmeticException when the result leaves the range of a signed 64-bit ns time */
    public long toNanos(long value) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Truncates a ns time down to this precision (as InfluxDB does for a stamped point). */
    public long truncate(long nanos) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
