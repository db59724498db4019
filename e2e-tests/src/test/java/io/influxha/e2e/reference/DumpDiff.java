package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The difference of two canonical dumps, compactly: how many lines each lacks, and the first few. */
public final class DumpDiff {
    private static final int SHOWN = 12;

    private DumpDiff() {}

    /** Empty when equal. */
    public static String describe(String nameA, List<String> a, String nameB, List<String> b) {
        List<String> onlyA = minus(a, b);
        List<String> onlyB = minus(b, a);
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            return "";
        }
        return nameA + " (" + a.size() + " lines) vs " + nameB + " (" + b.size() + " lines): "
                + part("only in " + nameA, onlyA) + part("only in " + nameB, onlyB);
    }

    private static String part(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n  ").append(title).append(" (").append(lines.size()).append("):");
        lines.stream().limit(SHOWN).forEach(l -> out.append("\n    ").append(l));
        if (lines.size() > SHOWN) {
            out.append("\n    ...");
        }
        return out.toString();
    }

    /** Lines of {@code a} not in {@code b}: the schema's first (databases, policies, measurements, series, fields), then points. */
    private static List<String> minus(List<String> a, List<String> b) {
        Set<String> other = new LinkedHashSet<>(b);
        List<String> out = new ArrayList<>();
        a.stream().filter(l -> !other.contains(l)).forEach(out::add);
        out.sort(java.util.Comparator.comparingInt(DumpDiff::rank).thenComparing(l -> l));
        return out;
    }

    private static int rank(String line) {
        List<String> order = List.of("database", "policy", "measurement", "series", "field", "point");
        int i = order.indexOf(line.substring(0, Math.max(0, line.indexOf(' '))));
        return i < 0 ? order.size() : i;
    }
}
