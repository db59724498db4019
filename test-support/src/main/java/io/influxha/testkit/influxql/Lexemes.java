package io.influxha.testkit.influxql;

import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random InfluxQL lexemes that influxql 1.1.0 scans as intended: identifiers (bare when that is
 * legal, else quoted with escapes), strings, numbers, durations of every unit and regexes that
 * compile in RE2. The odd characters a smuggling attempt needs ({@code ; -- ' " /* \/}) and
 * non-ASCII text (é, emoji, U+00A0, U+2028) appear inside quotes and regexes.
 */
final class Lexemes {
    /** influxql 1.1.0's keywords (token.go), plus the words Lookup maps to AND, OR, TRUE, FALSE. */
    static final Set<String> KEYWORDS = Set.of("all", "alter", "analyze", "any", "as", "asc", "begin", "by",
            "cardinality", "create", "continuous", "database", "databases", "default", "delete", "desc", "destinations",
            "diagnostics", "distinct", "drop", "duration", "end", "every", "exact", "explain", "field", "for", "from",
            "grant", "grants", "group", "groups", "in", "inf", "insert", "into", "key", "keys", "kill", "limit",
            "measurement", "measurements", "name", "offset", "on", "order", "password", "policy", "policies",
            "privileges", "queries", "query", "read", "replication", "resample", "retention", "revoke", "select",
            "series", "set", "show", "shard", "shards", "slimit", "soffset", "stats", "subscription", "subscriptions",
            "tag", "to", "user", "users", "values", "where", "with", "write", "and", "or", "true", "false");

    private static final String[] WORDS = {"cpu", "mem", "host", "region", "value", "usage_idle", "_tmp", "m1",
        "disk", "secret", "mine", "victim", "db0", "autogen", "rp1", "Temp", "x", "status", "eu_west"};
    /** Pieces of a quoted body; a raw quote character is escaped when it is the one quoting. */
    private static final String[] ODD = {";", ".", "\\\"", "\\\\", "\\n", "\\'", " ", "'", "\"", "--", "/*", "*/", "/",
        "é", "😀", "\u00a0", "\u2028", "日本", "$", ",", "=", "~", "\t"};
    private static final String[] UNITS = {"ns", "u", "µ", "ms", "s", "m", "h", "d", "w"};
    private static final String[] REGEX_ATOMS = {"a", "b", "z", "0", "_", ".", ";", "--", "'", "\"", "é", "😀",
        "\\/", "\\/\\*", "\\*\\/", "\\.", "\\d", "\\w", "\\s", "[a-z]", "[^;]", "(a|b)", "(?i)x", "\\\\x", "#", "=",
        " ", "\u2028", "\\$", "\\^", "%"};
    private static final String[] QUANTIFIERS = {"", "", "", "*", "+", "?", "{1,3}"};

    private final SplittableRandom random;

    Lexemes(SplittableRandom random) {
        this.random = random;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(T[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A keyword in random letter case: InfluxQL keywords are case-insensitive. */
    String keyword(String word) {
        return switch (random.nextInt(5)) {
            case 0 -> word.toLowerCase(Locale.ROOT);
            case 1 -> mixedCase(word);
            default -> word.toUpperCase(Locale.ROOT);
        };
    }

    private String mixedCase(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    /** An identifier as written: bare when legal (mostly), else double-quoted. */
    String identifier() {
        int roll = random.nextInt(100);
        if (roll < 60) {
            return bareOrQuoted(pick(WORDS) + (random.nextInt(4) == 0 ? Integer.toString(random.nextInt(100)) : ""));
        } else if (roll < 75) {
            return bareOrQuoted(randomBare());
        } else if (roll < 85) {
            return "\"" + pick(WORDS) + "\"";
        }
        return "\"" + quotedBody('"') + "\"";
    }

    /** An identifier that bare-scans as itself: keyword collisions are quoted. */
    String bareOrQuoted(String name) {
        return KEYWORDS.contains(name.toLowerCase(Locale.ROOT)) ? "\"" + name + "\"" : name;
    }

    private String randomBare() {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
        String rest = first + "0123456789";
        StringBuilder b = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        int n = random.nextInt(9);
        for (int i = 0; i < n; i++) {
            b.append(rest.charAt(random.nextInt(rest.length())));
        }
        return b.toString();
    }

    /** The inside of a quoted identifier or string: words, escapes and odd characters, no raw newline. */
    private String quotedBody(char quote) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String part = random.nextBoolean() ? pick(WORDS) : pick(ODD);
            b.append(part.equals(String.valueOf(quote)) ? "\\" + quote : part);
        }
        return b.toString();
    }

    /** A single-quoted string literal. */
    String string() {
        return random.nextInt(5) == 0 ? "''" : "'" + quotedBody('\'') + "'";
    }

    /** A string literal's value as plain text (for a bound parameter: no quoting, no escapes). */
    String plainText() {
        return random.nextBoolean() ? pick(WORDS) : pick(WORDS) + pick(new String[] {";", "'", "\"", " ", "é", "😀", ""});
    }

    String integer() {
        return switch (random.nextInt(10)) {
            case 0 -> "0";
            case 1 -> "9223372036854775807";
            case 2 -> "9223372036854775808";
            default -> Integer.toString(random.nextInt(1000));
        };
    }

    String number() {
        return switch (random.nextInt(4)) {
            case 0 -> "." + random.nextInt(100);
            case 1 -> random.nextInt(100) + "." + random.nextInt(1000);
            default -> random.nextInt(10) + "." + random.nextInt(10);
        };
    }

    /** A duration literal of one or two units; every unit influxql accepts. */
    String duration() {
        String d = (1 + random.nextInt(90)) + pick(UNITS);
        return random.nextInt(6) == 0 ? d + (1 + random.nextInt(59)) + pick(UNITS) : d;
    }

    /** A regex literal, slashes included, whose body compiles in Go's regexp. */
    String regex() {
        return "/" + regexBody() + "/";
    }

    /** A regex body as written between the slashes ({@code \/} for a slash). */
    String regexBody() {
        StringBuilder b = new StringBuilder(random.nextInt(4) == 0 ? "^" : "");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(pick(REGEX_ATOMS)).append(pick(QUANTIFIERS));
        }
        if (random.nextInt(4) == 0) {
            b.append('$');
        }
        return b.toString();
    }
}
