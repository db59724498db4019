package io.influxha.gateway.influxql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Go's regexp.Compile as influxql calls it, by RE2/J (a port of Go's regexp/syntax) with its three
 * known differences from Go 1.19 mended, so that a regex influxd accepts is accepted and one it
 * refuses is refused with Go's message:
 * <ul>
 *   <li>a {@code {} that starts no repetition is a literal in both, but RE2/J then takes the next
 *       repetition for a nested one ({@code a{{1,3}}): such braces are escaped before RE2/J reads them;</li>
 *   <li>Go refuses a backslash before a non-ASCII character ({@code \é}); RE2/J takes it as the character;</li>
 *   <li>RE2/J reports an unmatched {@code )} as an internal error, and omits an empty offending part.</li>
 * </ul>
 * Past {@link #MAX_NESTING} nested groups Go refuses the expression; the gateway refuses it
 * before RE2/J's recursion could exhaust the stack.
 */
final class GoRegex {
    static final int MAX_NESTING = 1000;

    private GoRegex() {}

    /** @return null when Go compiles {@code pattern}, else Go's error text */
    static String error(String pattern) {
        String escape = nonAsciiEscape(pattern);
        if (escape != null) {
            return "error parsing regexp: invalid escape sequence: `" + escape + "`";
        }
        if (nesting(pattern) > MAX_NESTING) {
            return "error parsing regexp: expression nests too deeply: `" + pattern + "`";
        }
        String error = compile(pattern);
        if (error != null && error.contains("invalid nested repetition operator")) {
            String retried = compile(escapeLiteralBraces(pattern));
            return retried == null ? null : error;
        }
        return error;
    }

    private static String compile(String pattern) {
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            String message = e.getMessage().contains("internal error: `stack underflow`")
                    ? "error parsing regexp: unexpected ): `" + pattern + "`" : e.getMessage();
            return message.contains(": `") ? message : message + ": ``"; // Go always names the offending part
        } catch (StackOverflowError e) {
            return "error parsing regexp: expression nests too deeply: `" + pattern + "`";
        }
    }

    /** The first {@code \X} with X beyond ASCII where Go reads an escape (outside {@code \Q...\E}), else null. */
    static String nonAsciiEscape(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '\\' || i + 1 >= p.length()) {
                continue;
            }
            if (p.charAt(i + 1) == 'Q') {
                int end = p.indexOf("\\E", i + 2);
                i = end < 0 ? p.length() : end + 1;
                continue;
            }
            int next = p.codePointAt(i + 1);
            if (next >= 0x80) {
                return "\\" + new String(Character.toChars(next));
            }
            i++; // the escaped character
        }
        return null;
    }

    /** How deep parentheses nest, outside classes and escapes: an upper bound of Go's parse tree height check. */
    private static int nesting(String p) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return max;
    }

    /** The pattern with every {@code {} Go reads as a literal (outside classes, escapes and {@code \Q...\E}) written {@code \{}. */
    static String escapeLiteralBraces(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            int next;
            if (p.startsWith("\\Q", i)) {
                int end = p.indexOf("\\E", i + 2);
                next = end < 0 ? p.length() : end + 2;
            } else if (c == '\\') {
                next = Math.min(p.length(), i + 2);
            } else if (c == '[') {
                next = classEnd(p, i);
            } else if (c == '{' && !isRepeat(p, i)) {
                out.append('\\');
                next = i + 1;
            } else {
                next = i + 1;
            }
            out.append(p, i, next);
            i = next;
        }
        return out.toString();
    }

    /** The index after the character class starting at {@code open}: a leading {@code ]} or {@code ^]} is a member, {@code [:name:]} too. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ']') {
                return i + 1;
            } else if (c == '\\') {
                i += 2;
            } else if (p.startsWith("[:", i) && p.indexOf(":]", i + 2) > 0) {
                i = p.indexOf(":]", i + 2) + 2;
            } else {
                i++;
            }
        }
        return p.length();
    }

    /** Go's parseRepeat: {@code {n}}, {@code {n,}} or {@code {n,m}} with no leading zeros. */
    private static boolean isRepeat(String p, int at) {
        int i = digits(p, at + 1);
        if (i < 0 || i >= p.length()) {
            return false;
        }
        if (p.charAt(i) == ',') {
            i++;
            if (i < p.length() && p.charAt(i) != '}') {
                i = digits(p, i);
                if (i < 0) {
                    return false;
                }
            }
        }
        return i < p.length() && p.charAt(i) == '}';
    }

    /** The index after the digits at {@code i} (no leading zero), -1 when there are none. */
    private static int digits(String p, int i) {
        if (i >= p.length() || !Lexer.isDigit(p.charAt(i))) {
            return -1;
        }
        if (p.charAt(i) == '0' && i + 1 < p.length() && Lexer.isDigit(p.charAt(i + 1))) {
            return -1;
        }
        while (i < p.length() && Lexer.isDigit(p.charAt(i))) {
            i++;
        }
        return i;
    }
}
