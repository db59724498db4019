package io.influxha.core.lp;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a {@link Point} as one line of line protocol with a nanosecond timestamp, escaping as
 * InfluxDB requires: measurement {@code , space}; tag keys, tag values and field keys
 * {@code , = space}; string values {@code " \}. Floats are written in plain decimal (no exponent).
 */
public final class PointEncoder {
    private PointEncoder() {}

    /** The line without a trailing newline. */
    public static String encode(Point p) {
        StringBuilder sb = new StringBuilder(64);
        appendTo(sb, p);
        return sb.toString();
    }

    /** Appends the line (without newline) to {@code sb}. */
    public static void appendTo(StringBuilder sb, Point p) {
        requireValid(p);
        escape(sb, p.measurement(), false);
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            sb.append(',');
            escape(sb, t.getKey(), true);
            sb.append('=');
            escape(sb, t.getValue(), true);
        }
        char sep = ' ';
        for (Map.Entry<String, Object> f : p.fields().entrySet()) {
            sb.append(sep);
            sep = ',';
            escape(sb, f.getKey(), true);
            sb.append('=');
            appendValue(sb, f.getKey(), f.getValue());
        }
        sb.append(' ').append(p.timestampNanos());
    }

    private static void requireValid(Point p) {
        if (p.measurement().isEmpty() || p.measurement().charAt(0) == '#') {
            throw new IllegalArgumentException("measurement '" + p.measurement() + "' is empty or starts with '#' (a comment)");
        }
        if (p.fields().isEmpty()) {
            throw new IllegalArgumentException("point " + p.measurement() + " has no fields");
        }
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            if (t.getKey().isEmpty() || t.getValue().isEmpty()) {
                throw new IllegalArgumentException("point " + p.measurement() + ": empty tag key or value for tag '" + t.getKey() + "'");
            }
        }
    }

    private static void appendValue(StringBuilder sb, String key, Object v) {
        if (v instanceof Long l) {
            sb.append(l.longValue()).append('i');
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("field " + key + ": " + d + " is not supported by InfluxDB");
            }
            if (d == 0.0) {
                sb.append(1 / d < 0 ? "-0.0" : "0.0"); // BigDecimal would drop the sign of -0.0
            } else {
                sb.append(new BigDecimal(Double.toString(d)).toPlainString());
            }
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue() ? "true" : "false");
        } else {
            String s = (String) v;
            sb.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append('"');
        }
    }

    /**
     * Measurement: {@code , space}; keys and tag values also {@code =}. Line protocol 1.x has no way
     * to write a newline or a trailing backslash in these parts, so they are rejected.
     */
    private static void escape(StringBuilder sb, String s, boolean escapeEquals) {
        if (s.indexOf('\n') >= 0 || s.endsWith("\\")) {
            throw new IllegalArgumentException("'" + s + "' cannot be written in line protocol"
                    + " (a name, tag or field key may not hold a newline or end with a backslash)");
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == ',' || c == ' ' || (escapeEquals && c == '=')) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
