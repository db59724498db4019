package io.influxha.gateway;

import io.influxha.gateway.query.Blanks;

/**
 * The few InfluxQL tokens the gateway needs to recognise DDL: bare words (keywords and
 * identifiers), double-quoted identifiers (unescaped), single-quoted strings and any other single
 * character. Whitespace and comments are skipped. Offsets are positions in the whole query.
 */
final class InfluxQlWords {
    enum Kind { WORD, QUOTED_IDENT, STRING, SYMBOL }

    /** @param value the identifier with quotes and escapes removed (WORD: as written) */
    record Word(Kind kind, String raw, String value, int offset) {
        boolean is(String keyword) {
            return kind == Kind.WORD && raw.equalsIgnoreCase(keyword);
        }

        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
        }
    }

    private final String text;
    private final int base;
    private final String query;
    private int pos;

    /** @param base offset of {@code text} in {@code query} */
    InfluxQlWords(String text, int base, String query) {
        this.text = text;
        this.base = base;
        this.query = query;
    }

    /** The next token, or null at the end. */
    Word next() {
        skipBlanks();
        if (pos >= text.length()) {
            return null;
        }
        int start = pos;
        char c = text.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String raw = text.substring(start, pos);
            return new Word(Kind.WORD, raw, raw, base + start);
        }
        if (c == '"' || c == '\'') {
            String value = quoted(c);
            return new Word(c == '"' ? Kind.QUOTED_IDENT : Kind.STRING, text.substring(start, pos), value, base + start);
        }
        pos++;
        return new Word(Kind.SYMBOL, String.valueOf(c), String.valueOf(c), base + start);
    }

    /** Where the text ends, for "found EOF" errors. */
    int endOffset() {
        return base + text.length();
    }

    String position(int offset) {
        return InfluxQlSyntaxException.at(query, offset);
    }

    private String quoted(char quote) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                value.append(e == 'n' ? '\n' : e);
            } else if (c == quote) {
                return value.toString();
            } else {
                value.append(c);
            }
        }
        throw new InfluxQlSyntaxException("found unterminated quoted identifier " + position(base + pos));
    }

    private void skipBlanks() {
        pos = Blanks.skip(text, pos);
    }
}
