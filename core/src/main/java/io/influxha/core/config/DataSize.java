package io.influxha.core.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, written in the config with a unit: {@code "25MiB"}, {@code "512KB"}, {@code "100B"}. */
public record DataSize(long bytes) {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    /** Decimal units are powers of 10 (InfluxDB's 25000000-byte body limit is "25MB"), binary ones powers of 2. */
    private static final Map<String, Long> UNITS = units();
    static final String NEEDS_UNIT = "a size needs a unit (e.g. \"25MB\", \"4MiB\")";

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    public static DataSize ofMebibytes(long mebibytes) {
        return new DataSize(Math.multiplyExact(mebibytes, 1L << 20));
    }

    /**
     * Reads {@code <integer><unit>} with unit B, KB, MB, GB, TB (powers of 10) or KiB, MiB, GiB,
     * TiB (powers of 2); a space before the unit is allowed, a missing unit is not.
     *
     * @throws IllegalArgumentException with the reason, for use after {@code invalid value X: }
     */
    public static DataSize parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as \"25MB\" or \"4MiB\"");
        }
        if (m.group(2).isEmpty()) {
            throw new IllegalArgumentException(NEEDS_UNIT);
        }
        Long unit = UNITS.get(m.group(2));
        if (unit == null) {
            throw new IllegalArgumentException("unknown unit \"" + m.group(2) + "\" (use B, KB, MB, GB, KiB, MiB or GiB)");
        }
        try {
            return new DataSize(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("too large");
        }
    }

    /** The largest unit that divides the size exactly: {@code 25MB}, {@code 4MiB}, {@code 1000B}... */
    public String format() {
        String best = "B";
        for (Map.Entry<String, Long> unit : UNITS.entrySet()) {
            if (bytes != 0 && bytes % unit.getValue() == 0 && unit.getValue() > UNITS.get(best)) {
                best = unit.getKey();
            }
        }
        return bytes / UNITS.get(best) + best;
    }

    private static Map<String, Long> units() {
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("B", 1L);
        String[] prefixes = {"K", "M", "G", "T"};
        for (int i = 0; i < prefixes.length; i++) {
            units.put(prefixes[i] + "B", pow(1000, i + 1));
            units.put(prefixes[i] + "iB", pow(1024, i + 1));
        }
        return Map.copyOf(units);
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    @Override
    public String toString() {
        return bytes + "B";
    }
}
