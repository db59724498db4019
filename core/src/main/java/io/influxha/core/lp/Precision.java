package io.influxha.core.lp;

import java.util.Optional;

/** Timestamp precision of a write request; every point leaves the gateway in nanoseconds. */
public enum Precision {
    NANOSECONDS(1L),
    MICROSECONDS(1_000L),
    MILLISECONDS(1_000_000L),
    SECONDS(1_000_000_000L),
    MINUTES(60_000_000_000L),
    HOURS(3_600_000_000_000L);

    private final long nanosPerUnit;

    Precision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    /** The {@code /write} set: "" (ns), n, ns, u, ms, s, m, h (InfluxDB 1.8 services/httpd). */
    public static Optional<Precision> fromWriteParam(String value) {
        if (value == null) {
            return Optional.of(NANOSECONDS);
        }
        switch (value) {
            case "": case "n": case "ns": return Optional.of(NANOSECONDS);
            case "u": return Optional.of(MICROSECONDS);
            case "ms": return Optional.of(MILLISECONDS);
            case "s": return Optional.of(SECONDS);
            case "m": return Optional.of(MINUTES);
            case "h": return Optional.of(HOURS);
            default: return Optional.empty();
        }
    }

    /** The {@code /api/v2/write} set: "" (ns), ns, us, ms, s. */
    public static Optional<Precision> fromV2Param(String value) {
        if (value == null) {
            return Optional.of(NANOSECONDS);
        }
        switch (value) {
            case "": case "ns": return Optional.of(NANOSECONDS);
            case "us": return Optional.of(MICROSECONDS);
            case "ms": return Optional.of(MILLISECONDS);
            case "s": return Optional.of(SECONDS);
            default: return Optional.empty();
        }
    }

    /** How many nanoseconds one unit of this precision is. */
    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /** @throws ArithmeticException when the result leaves the range of a signed 64-bit ns time */
    public long toNanos(long value) {
        if (!fitsInNanos(value)) {
            throw new ArithmeticException("timestamp " + value + " in " + name().toLowerCase()
                    + " overflows a signed 64-bit nanosecond time");
        }
        return value * nanosPerUnit;
    }

    /** True when {@code value * nanosPerUnit()} stays within a signed 64-bit long. */
    boolean fitsInNanos(long value) {
        return nanosPerUnit == 1
                || (value <= Long.MAX_VALUE / nanosPerUnit && value >= Long.MIN_VALUE / nanosPerUnit);
    }

    /**
     * Truncates a ns time down to this precision (as InfluxDB does for a stamped point: Go's
     * {@code Time.Truncate}, which floors, also before 1970).
     */
    public long truncate(long nanos) {
        if (nanosPerUnit == 1) {
            return nanos;
        }
        return Math.floorDiv(nanos, nanosPerUnit) * nanosPerUnit;
    }
}
