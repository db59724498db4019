package io.influxha.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an InfluxQL query on {@code ;} outside single-quoted strings, double-quoted identifiers
 * and comments ({@code --} to the end of the line, or slash-star to star-slash). Empty statements
 * are skipped, as InfluxQL's ParseQuery does. A {@code ;} inside a regex literal would split: no
 * statement the gateway routes can hold one.
 */
final class StatementSplitter {
    /** One statement: its text, trimmed, and where it starts in the whole query. */
    record Piece(String text, int offset) {}

    private StatementSplitter() {}

    static List<Piece> split(String query) {
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(query, i, c);
            } else if (c == '-' && i + 1 < n && query.charAt(i + 1) == '-') {
                int eol = query.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && query.charAt(i + 1) == '*') {
                int end = query.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                add(pieces, query, start, i);
                start = ++i;
            } else {
                i++;
            }
        }
        add(pieces, query, start, n);
        return pieces;
    }

    private static int skipQuoted(String query, int open, char quote) {
        for (int i = open + 1; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && quote == '\'') {
                break;
            }
        }
        String what = quote == '\'' ? "string" : "identifier";
        throw new InfluxQlSyntaxException("found unterminated quoted " + what + ", expected a closing " + quote
                + " " + InfluxQlSyntaxException.at(query, open));
    }

    private static void add(List<Piece> pieces, String query, int from, int to) {
        int a = from;
        int b = to;
        while (a < b && Character.isWhitespace(query.charAt(a))) {
            a++;
        }
        while (b > a && Character.isWhitespace(query.charAt(b - 1))) {
            b--;
        }
        if (a < b && !onlyComments(query.substring(a, b))) {
            pieces.add(new Piece(query.substring(a, b), a));
        }
    }

    private static boolean onlyComments(String text) {
        return new InfluxQlWords(text, 0, text).next() == null;
    }
}
