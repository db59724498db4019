package io.influxha.core.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go's {@code time.ParseDuration} writes them, since InfluxDB and Telegraf users know
 * that form: a sequence of decimal numbers each with a unit, {@code "500ms"}, {@code "10s"},
 * {@code "1m30s"}, {@code "1.5h"}. Units: ns, us (or µs), ms, s, m, h. A unit is mandatory.
 */
public final class Durations {
    private static final Pattern TERM = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([^\\d.]*)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    static final String NEEDS_UNIT = "a duration needs a unit (e.g. \"10s\", \"500ms\")";

    private Durations() {}

    /** @throws IllegalArgumentException with the reason, for use after {@code invalid value X: } */
    public static Duration parse(String text) {
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("a duration must not be negative");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("expected a duration (e.g. \"10s\", \"500ms\")");
        }
        Matcher m = TERM.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("expected a duration (e.g. \"10s\", \"500ms\", \"1m30s\")");
            }
            String unit = m.group(2);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException(NEEDS_UNIT);
            }
            Long perUnit = NANOS.get(unit);
            if (perUnit == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(perUnit)));
            at = m.end();
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("too long");
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    }

    /** The shortest form {@link #parse} reads back: {@code 10s}, {@code 100ms}, {@code 1m30s}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        long nanos = d.minusHours(hours).minusMinutes(minutes).toNanos();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (nanos > 0) {
            out.append(subMinute(nanos));
        }
        return out.toString();
    }

    /** Like Go: the largest unit under the value, with a decimal fraction if needed. */
    private static String subMinute(long nanos) {
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        int scale = nanos < 1_000_000L ? 3 : nanos < 1_000_000_000L ? 6 : 9;
        String unit = scale == 3 ? "us" : scale == 6 ? "ms" : "s";
        return BigDecimal.valueOf(nanos, scale).stripTrailingZeros().toPlainString() + unit;
    }
}
