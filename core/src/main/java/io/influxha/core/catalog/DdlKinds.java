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

    private static final java.util.regex.Pattern CREATE_DATABASE = java.util.regex.Pattern.compile("(?i)CREATE\\s+DATABASE\\b");
    private static final java.util.regex.Pattern DROP_DATABASE = java.util.regex.Pattern.compile("(?i)DROP\\s+DATABASE\\b");

    private static final java.util.regex.Pattern CREATE_POLICY = java.util.regex.Pattern.compile("(?i)CREATE\\s+RETENTION\\s+POLICY\\b");
    private static final java.util.regex.Pattern DROP_POLICY = java.util.regex.Pattern.compile("(?i)DROP\\s+RETENTION\\s+POLICY\\b");

    /** Whether it is a CREATE RETENTION POLICY. */
    public static boolean createsPolicy(String statement) {
        return CREATE_POLICY.matcher(statement).region(start(statement), statement.length()).lookingAt();
    }

    /** Whether it is a DROP RETENTION POLICY. */
    public static boolean dropsPolicy(String statement) {
        return DROP_POLICY.matcher(statement).region(start(statement), statement.length()).lookingAt();
    }

    /** Whether it is a CREATE DATABASE. */
    public static boolean createsDatabase(String statement) {
        return CREATE_DATABASE.matcher(statement).region(start(statement), statement.length()).lookingAt();
    }

    /** Whether it is a DROP DATABASE. */
    public static boolean dropsDatabase(String statement) {
        return DROP_DATABASE.matcher(statement).region(start(statement), statement.length()).lookingAt();
    }

    /** Where the statement starts, after blanks and InfluxQL comments. */
    private static int start(String s) {
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
        return i;
    }

    /** The first word, after blanks and InfluxQL comments ({@code -- ...} and {@code /* ... *}{@code /}). */
    static String firstWord(String s) {
        int i = start(s);
        int n = s.length();
        int start = i;
        while (i < n && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i);
    }
}
