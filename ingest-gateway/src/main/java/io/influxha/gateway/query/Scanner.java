package io.influxha.gateway.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens of one InfluxQL statement, as far as routing needs them: words, quoted identifiers,
 * strings, numbers, regex literals and single-character symbols. A {@code /} starts a regex only
 * where InfluxQL's parser expects one (after {@code =~} or {@code !~}, and in a {@code FROM}
 * list), so {@code a / b} stays a division. The statement was already checked by the gateway's
 * syntax pass, so unterminated literals simply end at the end of the text.
 */
final class Scanner {
    enum Kind { WORD, IDENT, STRING, NUMBER, REGEX, SYMBOL }

    /** @param value identifiers unquoted and unescaped; regexes without slashes; else as written */
    record Token(Kind kind, String value, int start, int end) {
        boolean is(String keyword) {
            return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && value.charAt(0) == c;
        }

        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.IDENT;
        }
    }

    private final String text;
    private int pos;
    private boolean inFrom;
    private Token previous;

    private Scanner(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Scanner s = new Scanner(text);
        List<Token> out = new ArrayList<>();
        for (Token t = s.next(); t != null; t = s.next()) {
            out.add(t);
        }
        return out;
    }

    private Token next() {
        skipBlanks();
        if (pos >= text.length()) {
            return null;
        }
        Token t = read(text.charAt(pos));
        inFrom = t.is("FROM") || (inFrom && (t.isIdentifier() || t.kind() == Kind.REGEX
                || t.isSymbol('.') || t.isSymbol(',')));
        previous = t;
        return t;
    }

    private Token read(char c) {
        int start = pos;
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.WORD, text.substring(start, pos), start, pos);
        }
        if (Character.isDigit(c)) {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            return new Token(Kind.NUMBER, text.substring(start, pos), start, pos);
        }
        if (c == '"' || c == '\'') {
            String value = quoted(c);
            return new Token(c == '"' ? Kind.IDENT : Kind.STRING, value, start, pos);
        }
        if (c == '/' && regexExpected()) {
            String value = quoted('/');
            return new Token(Kind.REGEX, value, start, pos);
        }
        pos++;
        return new Token(Kind.SYMBOL, String.valueOf(c), start, pos);
    }

    private boolean regexExpected() {
        return previous != null && (previous.isSymbol('~') || (inFrom && (previous.is("FROM") || previous.isSymbol(','))));
    }

    /** Reads a literal closed by {@code quote}; a backslash keeps the next character (regexes keep the backslash). */
    private String quoted(char quote) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                if (quote == '/' && e != '/') {
                    value.append('\\');
                }
                value.append(quote != '/' && e == 'n' ? '\n' : e);
            } else if (c == quote) {
                return value.toString();
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private void skipBlanks() {
        pos = Blanks.skip(text, pos);
    }
}
