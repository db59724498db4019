package io.influxha.gateway;

import java.util.Locale;
import java.util.Set;

/**
 * One statement of a query, checked before anything runs: its first word must start an InfluxQL
 * statement, and {@code CREATE DATABASE <name> [WITH ...]} and {@code CREATE RETENTION POLICY
 * <name> ON <db> ...} (bare or double-quoted identifiers) must be well formed, so that a syntax
 * error answers 400 like InfluxDB's ParseQuery. Routing reads the statement again with
 * {@link io.influxha.gateway.query.StatementAnalyzer}.
 *
 * @param kind e.g. {@code CREATE DATABASE}, {@code SELECT}, {@code SHOW MEASUREMENTS}
 * @param database the database a DDL statement is about; null for non-DDL
 * @param text the statement exactly as the client wrote it, trimmed
 */
record InfluxQlStatement(String kind, String database, String text) {
    /** InfluxQL's own list, used in its error for an unknown first word. */
    private static final String EXPECTED = "SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL";
    private static final Set<String> FIRST_WORDS = Set.of(EXPECTED.split(", "));
    private static final Set<String> TWO_WORD_KINDS = Set.of("SHOW", "CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "KILL");

    boolean isDdl() {
        return database != null;
    }

    /** @throws InfluxQlSyntaxException when the statement cannot be a valid InfluxQL statement */
    static InfluxQlStatement parse(StatementSplitter.Piece piece, String query) {
        InfluxQlWords words = new InfluxQlWords(piece.text(), piece.offset(), query);
        InfluxQlWords.Word first = words.next();
        if (first == null || first.kind() != InfluxQlWords.Kind.WORD || !FIRST_WORDS.contains(upper(first.raw()))) {
            throw unexpected(words, first, EXPECTED);
        }
        InfluxQlWords.Word second = words.next();
        if (first.is("CREATE") && second != null && second.is("DATABASE")) {
            return createDatabase(words, piece.text());
        }
        if (first.is("CREATE") && second != null && second.is("RETENTION")) {
            return createRetentionPolicy(words, piece.text());
        }
        String kind = upper(first.raw());
        if (TWO_WORD_KINDS.contains(kind) && second != null && second.kind() == InfluxQlWords.Kind.WORD) {
            kind += " " + upper(second.raw());
        }
        return new InfluxQlStatement(kind, null, piece.text());
    }

    private static InfluxQlStatement createDatabase(InfluxQlWords words, String text) {
        String name = identifier(words);
        InfluxQlWords.Word after = words.next();
        if (after != null && !after.is("WITH")) {
            throw unexpected(words, after, ";");
        }
        return new InfluxQlStatement("CREATE DATABASE", name, text);
    }

    private static InfluxQlStatement createRetentionPolicy(InfluxQlWords words, String text) {
        expect(words, "POLICY");
        identifier(words);
        expect(words, "ON");
        String database = identifier(words);
        return new InfluxQlStatement("CREATE RETENTION POLICY", database, text);
    }

    private static void expect(InfluxQlWords words, String keyword) {
        InfluxQlWords.Word w = words.next();
        if (w == null || !w.is(keyword)) {
            throw unexpected(words, w, keyword);
        }
    }

    private static String identifier(InfluxQlWords words) {
        InfluxQlWords.Word w = words.next();
        if (w == null || !w.isIdentifier() || w.value().isEmpty()) {
            throw unexpected(words, w, "identifier");
        }
        return w.value();
    }

    private static InfluxQlSyntaxException unexpected(InfluxQlWords words, InfluxQlWords.Word found, String expected) {
        String what = found == null ? "EOF" : found.raw();
        int at = found == null ? words.endOffset() + 1 : found.offset();
        return new InfluxQlSyntaxException("found " + what + ", expected " + expected + " " + words.position(at));
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
