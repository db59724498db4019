package io.influxha.e2e.reference;

import java.math.BigDecimal;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads back the lines the workload wrote, as the gateway re-encoded them (ns timestamps, values
 * possibly re-rendered): only the subset of line protocol the workload produces (no escapes, no
 * spaces or commas inside string fields). Values are compared in a canonical text: integers with
 * their {@code i}, floats as the shortest plain decimal, booleans as {@code true}/{@code false},
 * strings quoted.
 */
public final class LineCodec {
    private LineCodec() {}

    /** One line with a time; throws IllegalArgumentException when it is not in the workload's form. */
    public static Point parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a workload line: " + line);
        }
        String[] series = parts[0].split(",");
        SortedMap<String, String> tags = new TreeMap<>();
        for (int i = 1; i < series.length; i++) {
            String[] kv = series[i].split("=", 2);
            tags.put(kv[0], kv[1]);
        }
        SortedMap<String, String> fields = new TreeMap<>();
        for (String field : parts[1].split(",")) {
            String[] kv = field.split("=", 2);
            fields.put(kv[0], canonicalValue(kv[1]));
        }
        return new Point(series[0], tags, fields, Long.parseLong(parts[2]));
    }

    /** The canonical text of a line-protocol field value. */
    public static String canonicalValue(String raw) {
        if (raw.startsWith("\"")) {
            return raw;
        }
        switch (raw) {
            case "t", "T", "true", "True", "TRUE":
                return "true";
            case "f", "F", "false", "False", "FALSE":
                return "false";
            default:
                break;
        }
        if (raw.endsWith("i") || raw.endsWith("u")) {
            return Long.parseLong(raw.substring(0, raw.length() - 1)) + "i";
        }
        return new BigDecimal(raw).stripTrailingZeros().toPlainString();
    }
}
