package io.influxha.core.catalog;

import java.util.Locale;

/**
 * Which DDL statements must wait for a barrier. CREATE is idempotent and harmless early, so a
 * writer applies it the first time it meets it. DROP, DELETE and ALTER change or remove data that
 * is already there, so every backend must apply them at the same point of the log: only once all
 * of its partitions reached the statement's marker (docs/ddl-through-the-log.md).
 */
public final class DdlKinds {
    private DdlKinds() {}

    public static boolean needsBarrier(String statement) {
        String first = firstWord(statement).toUpperCase(Locale.ROOT);
        return first.equals("DROP") || first.equals("DELETE") || first.equals("ALTER");
    }

    /** The first word, after blanks and InfluxQL comments ({@code -- ...} and {@code /* ... *}{@code /}). */
    static String firstWord(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("--", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i);
    }
}
