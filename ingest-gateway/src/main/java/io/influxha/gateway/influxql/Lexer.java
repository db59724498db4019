package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.SourceReader.Pos;

/**
 * influxql 1.1.0's Scanner (scanner.go), statement for statement: what it reads as one token, and
 * the position it reports, decide how a query splits into statements, so this must agree with the
 * influxd behind the gateway even where influxql's choices look odd (a NUL ends the query at the
 * top level but is swallowed after an identifier; a regex is only read when the parser asks).
 * Checked against influxql itself by the differential test.
 */
final class Lexer {
    /** One token: its kind, influxql's position, its literal and where it lies (reader indexes). */
    record Lexeme(Token tok, Pos pos, String lit, int start, int end) {}

    private final SourceReader r;

    Lexer(SourceReader r) {
        this.r = r;
    }

    SourceReader reader() {
        return r;
    }

    Lexeme scan() {
        int start = r.cursor();
        Lexeme l = scanToken();
        return new Lexeme(l.tok(), l.pos(), l.lit(), start, r.cursor());
    }

    private Lexeme scanToken() {
        int ch0 = r.read();
        Pos pos = r.currPos();
        if (isWhitespace(ch0)) {
            return scanWhitespace();
        } else if (isLetter(ch0) || ch0 == '_') {
            r.unread();
            return scanIdent(true);
        } else if (isDigit(ch0)) {
            return scanNumber();
        }
        switch (ch0) {
            case SourceReader.EOF:
                return lex(Token.EOF, pos, "");
            case '"':
                r.unread();
                return scanIdent(true);
            case '\'':
                return scanString();
            case '.': {
                int ch1 = r.read();
                r.unread();
                return isDigit(ch1) ? scanNumber() : lex(Token.DOT, pos, "");
            }
            case '$': {
                Lexeme id = scanIdent(false);
                return lex(id.tok() != Token.IDENT ? id.tok() : Token.BOUNDPARAM, pos, "$" + id.lit());
            }
            case '+':
                return lex(Token.ADD, pos, "");
            case '-': {
                if (r.read() == '-') {
                    skipUntilNewline();
                    return lex(Token.COMMENT, pos, "");
                }
                r.unread();
                return lex(Token.SUB, pos, "");
            }
            case '*':
                return lex(Token.MUL, pos, "");
            case '/': {
                if (r.read() == '*') {
                    return skipUntilEndComment() ? lex(Token.COMMENT, pos, "") : lex(Token.ILLEGAL, pos, "");
                }
                r.unread();
                return lex(Token.DIV, pos, "");
            }
            case '%':
                return lex(Token.MOD, pos, "");
            case '&':
                return lex(Token.BITWISE_AND, pos, "");
            case '|':
                return lex(Token.BITWISE_OR, pos, "");
            case '^':
                return lex(Token.BITWISE_XOR, pos, "");
            case '=': {
                if (r.read() == '~') {
                    return lex(Token.EQREGEX, pos, "");
                }
                r.unread();
                return lex(Token.EQ, pos, "");
            }
            case '!': {
                int ch1 = r.read();
                if (ch1 == '=') {
                    return lex(Token.NEQ, pos, "");
                } else if (ch1 == '~') {
                    return lex(Token.NEQREGEX, pos, "");
                }
                r.unread();
                break;
            }
            case '>': {
                if (r.read() == '=') {
                    return lex(Token.GTE, pos, "");
                }
                r.unread();
                return lex(Token.GT, pos, "");
            }
            case '<': {
                int ch1 = r.read();
                if (ch1 == '=') {
                    return lex(Token.LTE, pos, "");
                } else if (ch1 == '>') {
                    return lex(Token.NEQ, pos, "");
                }
                r.unread();
                return lex(Token.LT, pos, "");
            }
            case '(':
                return lex(Token.LPAREN, pos, "");
            case ')':
                return lex(Token.RPAREN, pos, "");
            case ',':
                return lex(Token.COMMA, pos, "");
            case ';':
                return lex(Token.SEMICOLON, pos, "");
            case ':': {
                if (r.read() == ':') {
                    return lex(Token.DOUBLECOLON, pos, "");
                }
                r.unread();
                return lex(Token.COLON, pos, "");
            }
            default:
                break;
        }
        return lex(Token.ILLEGAL, pos, new String(Character.toChars(ch0)));
    }

    private static Lexeme lex(Token tok, Pos pos, String lit) {
        return new Lexeme(tok, pos, lit, 0, 0);
    }

    private Lexeme scanWhitespace() {
        StringBuilder buf = new StringBuilder();
        Pos pos = r.currPos();
        buf.appendCodePoint(r.curr());
        while (true) {
            int ch = r.read();
            if (ch == SourceReader.EOF) {
                break;
            } else if (!isWhitespace(ch)) {
                r.unread();
                break;
            }
            buf.appendCodePoint(ch);
        }
        return lex(Token.WS, pos, buf.toString());
    }

    private void skipUntilNewline() {
        while (true) {
            int ch = r.read();
            if (ch == '\n' || ch == SourceReader.EOF) {
                return;
            }
        }
    }

    /** False at the end of input before the closing star-slash. */
    private boolean skipUntilEndComment() {
        while (true) {
            int ch1 = r.read();
            if (ch1 == '*') {
                while (true) {
                    int ch2 = r.read();
                    if (ch2 == '/') {
                        return true;
                    } else if (ch2 == SourceReader.EOF) {
                        return false;
                    } else if (ch2 != '*') {
                        break;
                    }
                }
            } else if (ch1 == SourceReader.EOF) {
                return false;
            }
        }
    }

    private Lexeme scanIdent(boolean lookup) {
        r.read();
        Pos pos = r.currPos();
        r.unread();
        StringBuilder buf = new StringBuilder();
        while (true) {
            int ch = r.read();
            if (ch == SourceReader.EOF) {
                break;
            } else if (ch == '"') {
                Lexeme s = scanString();
                if (s.tok() == Token.BADSTRING || s.tok() == Token.BADESCAPE) {
                    return s;
                }
                return lex(Token.IDENT, pos, s.lit());
            } else if (isIdentChar(ch)) {
                r.unread();
                buf.append(scanBareIdent());
            } else {
                r.unread();
                break;
            }
        }
        String lit = buf.toString();
        if (lookup) {
            Token tok = Token.lookup(lit);
            if (tok != Token.IDENT) {
                return lex(tok, pos, "");
            }
        }
        return lex(Token.IDENT, pos, lit);
    }

    /** Go's ScanBareIdent: reads identifier characters; the character that ends it is put back, unless it is EOF. */
    private String scanBareIdent() {
        StringBuilder buf = new StringBuilder();
        while (true) {
            int ch = r.read();
            if (ch == SourceReader.EOF) {
                break;
            } else if (!isIdentChar(ch)) {
                r.unread();
                break;
            }
            buf.appendCodePoint(ch);
        }
        return buf.toString();
    }

    private Lexeme scanString() {
        r.unread();
        Pos pos = r.currPos();
        int ending = r.read();
        StringBuilder buf = new StringBuilder();
        if (ending == SourceReader.EOF) {
            return lex(Token.BADSTRING, pos, "");
        }
        while (true) {
            int ch0 = r.read();
            if (ch0 == ending) {
                return lex(Token.STRING, pos, buf.toString());
            } else if (ch0 == SourceReader.EOF || ch0 == '\n') {
                return lex(Token.BADSTRING, pos, buf.toString());
            } else if (ch0 == '\\') {
                int ch1 = r.read();
                switch (ch1) {
                    case 'n' -> buf.append('\n');
                    case '\\' -> buf.append('\\');
                    case '"' -> buf.append('"');
                    case '\'' -> buf.append('\'');
                    default -> {
                        return lex(Token.BADESCAPE, r.currPos(), "\\" + (ch1 == SourceReader.EOF ? "\u0000"
                                : new String(Character.toChars(ch1))));
                    }
                }
            } else {
                buf.appendCodePoint(ch0);
            }
        }
    }

    /** Reads a regex literal delimited by slashes; only {@code \/} is an escape, other backslashes stay. */
    Lexeme scanRegex() {
        int start = r.cursor();
        Pos pos = r.currPos();
        Lexeme l = delimitedRegex(pos);
        return new Lexeme(l.tok(), l.pos(), l.lit(), start, r.cursor());
    }

    private Lexeme delimitedRegex(Pos pos) {
        int first = r.read();
        if (first == SourceReader.EOF || first != '/') {
            return lex(Token.BADREGEX, pos, "");
        }
        StringBuilder buf = new StringBuilder();
        while (true) {
            int ch0 = r.read();
            if (ch0 == '/') {
                return lex(Token.REGEX, pos, buf.toString());
            } else if (ch0 == SourceReader.EOF || ch0 == '\n') {
                return lex(Token.BADREGEX, pos, "");
            } else if (ch0 == '\\') {
                int ch1 = r.read();
                if (ch1 == SourceReader.EOF) {
                    return lex(Token.BADREGEX, pos, "");
                }
                if (ch1 == '/') {
                    buf.append('/');
                } else {
                    r.unread();
                    buf.append('\\');
                }
            } else {
                buf.appendCodePoint(ch0);
            }
        }
    }

    private Lexeme scanNumber() {
        StringBuilder buf = new StringBuilder();
        int ch = r.curr();
        Pos pos = r.currPos();
        if (ch == '.') {
            int ch1 = r.read();
            r.unread();
            if (!isDigit(ch1)) {
                return lex(Token.ILLEGAL, pos, ".");
            }
            r.unread();
        } else {
            r.unread();
        }
        buf.append(scanDigits());
        boolean isDecimal = false;
        int ch0 = r.read();
        if (ch0 == '.') {
            isDecimal = true;
            int ch1 = r.read();
            if (isDigit(ch1)) {
                buf.appendCodePoint(ch0).appendCodePoint(ch1).append(scanDigits());
            } else {
                r.unread();
            }
        } else {
            r.unread();
        }
        if (isDecimal) {
            return lex(Token.NUMBER, pos, buf.toString());
        }
        ch0 = r.read();
        if (isLetter(ch0) || ch0 == 'µ') {
            buf.appendCodePoint(ch0);
            while (true) {
                int ch1 = r.read();
                if (!isLetter(ch1) && ch1 != 'µ') {
                    r.unread();
                    break;
                }
                buf.appendCodePoint(ch1);
            }
            while (true) {
                int c = r.read();
                if (isLetter(c) || c == 'µ' || isDigit(c)) {
                    buf.appendCodePoint(c);
                } else {
                    r.unread();
                    break;
                }
            }
            return lex(Token.DURATIONVAL, pos, buf.toString());
        }
        r.unread();
        return lex(Token.INTEGER, pos, buf.toString());
    }

    private String scanDigits() {
        StringBuilder buf = new StringBuilder();
        while (true) {
            int ch = r.read();
            if (!isDigit(ch)) {
                r.unread();
                break;
            }
            buf.appendCodePoint(ch);
        }
        return buf.toString();
    }

    static boolean isWhitespace(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\n';
    }

    static boolean isLetter(int ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    static boolean isDigit(int ch) {
        return ch >= '0' && ch <= '9';
    }

    static boolean isIdentChar(int ch) {
        return isLetter(ch) || isDigit(ch) || ch == '_';
    }

    static boolean isIdentFirstChar(int ch) {
        return isLetter(ch) || ch == '_';
    }
}
