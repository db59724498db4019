package io.influxha.gateway.query;

/** What InfluxQL's scanner skips between tokens: white space, {@code --} line comments and {@code /* *}{@code /} blocks. */
public final class Blanks {
    private Blanks() {}

    /** The index of the first character at or after {@code pos} that is not blank. */
    public static int skip(String text, int pos) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("--", pos)) {
                int eol = text.indexOf('\n', pos);
                pos = eol < 0 ? text.length() : eol + 1;
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                pos = end < 0 ? text.length() : end + 2;
            } else {
                return pos;
            }
        }
        return pos;
    }
}
