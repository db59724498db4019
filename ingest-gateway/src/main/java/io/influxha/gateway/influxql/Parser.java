package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Lexer.Lexeme;
import io.influxha.gateway.influxql.SourceReader.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * influxql 1.1.0's Parser (parser.go): the token buffer with its three-token unscan, bound
 * parameter substitution at scan time, and the helpers every statement parser uses. The statement
 * grammar lives in {@link StatementParsers}, {@link SelectParser}, {@link ShowParser},
 * {@link AdminParser} and {@link ExprParser}; each mirrors the Go function of the same name.
 * Besides influxql's AST it records what the gateway needs to forward statements: each
 * statement's extent, where bound parameters and {@code now()} calls stand, and the top-level
 * LIMIT/OFFSET clauses.
 */
final class Parser {
    private static final int BUFFER = 3;
    /** Nesting (parentheses, calls, subqueries) past which the gateway refuses a query influxql would still read. */
    static final int MAX_NESTING = 256;

    private final Lexer lexer;
    private final Map<String, Params.Value> params;
    private final Lexeme[] buf = new Lexeme[BUFFER];
    private int i;
    private int n;
    private Lexeme last;
    /** Every token read from the text, in order: statement extents are computed over it. */
    private final List<Lexeme> lexed = new ArrayList<>();
    /** Subquery depth: paging clauses are recorded at depth 0 only. */
    int depth;
    private int nesting;
    final Marks marks = new Marks();

    Parser(String query, Map<String, Params.Value> params) {
        this.lexer = new Lexer(new SourceReader(query));
        this.params = params;
        Lexeme zero = new Lexeme(Token.ILLEGAL, new Pos(0, 0), "", 0, 0);
        java.util.Arrays.fill(buf, zero);
        last = zero;
    }

    /** Positions of the parts of a statement the gateway may rewrite, as query offsets. */
    static final class Marks {
        /** Bound parameters substituted: [start, end) of {@code $name} and the value. */
        final List<Edit<Params.Value>> params = new ArrayList<>();
        /** Calls named now: [start, end) from the name to the closing parenthesis. */
        final List<Edit<Void>> nowCalls = new ArrayList<>();
        /** Top-level LIMIT / OFFSET / SLIMIT / SOFFSET clauses: [start, end) and the keyword. */
        final List<Edit<Token>> paging = new ArrayList<>();
    }

    /** A part of the query text: [start, end) in UTF-16 offsets, and what stands there. */
    record Edit<T>(int start, int end, T what) {}

    SourceReader reader() {
        return lexer.reader();
    }

    /** Query offset where reader index {@code index} starts. */
    int offset(int index) {
        return lexer.reader().offset(index);
    }

    Lexeme scan() {
        last = substitute(scanFunc(false));
        return last;
    }

    Lexeme scanRegex() {
        last = substitute(scanFunc(true));
        return last;
    }

    /** The token the last scan returned (buffered or fresh). */
    Lexeme last() {
        return last;
    }

    private Lexeme scanFunc(boolean regex) {
        if (n > 0) {
            n--;
            return curr();
        }
        i = (i + 1) % BUFFER;
        buf[i] = regex ? lexer.scanRegex() : lexer.scan();
        lexed.add(buf[i]);
        return curr();
    }

    /** How many tokens the parser has taken and not given back: the index of the next one in {@link #lexed}. */
    int consumed() {
        return lexed.size() - n;
    }

    /**
     * Where the last token the parser took since {@code from} ends, white space and comments not
     * counted: a statement's end. Lookahead it gave back and comments it skipped after its last
     * token are not part of it, so no comment can run into what follows it.
     */
    int lastTokenEnd(int from) {
        for (int k = consumed() - 1; k >= from; k--) {
            Token t = lexed.get(k).tok();
            if (t != Token.WS && t != Token.COMMENT) {
                return offset(lexed.get(k).end());
            }
        }
        return offset(lexed.get(from).start());
    }

    private Lexeme curr() {
        return buf[(i - n + BUFFER) % BUFFER];
    }

    /** A bound parameter with a known value becomes the value's token, as Parser.scan does. */
    private Lexeme substitute(Lexeme l) {
        if (l.tok() != Token.BOUNDPARAM || params == null) {
            return l;
        }
        String key = l.lit().substring(1);
        Params.Value v = key.isEmpty() ? null : params.get(key);
        if (v == null) {
            return l;
        }
        int start = offset(l.start());
        if (marksParam(start)) {
            marks.params.add(new Edit<>(start, offset(l.end()), v));
        }
        return new Lexeme(v.tokenType(), l.pos(), v.text(), l.start(), l.end());
    }

    private boolean marksParam(int start) {
        for (Edit<Params.Value> e : marks.params) {
            if (e.start() == start) {
                return false;
            }
        }
        return true;
    }

    /**
     * Enters one level of expression or subquery nesting; past {@link #MAX_NESTING} the query is
     * refused, so that no input can exhaust the request thread's stack (influxql has no limit).
     */
    void enter() {
        if (++nesting > MAX_NESTING) {
            throw ParseException.plain("influx-ha: the query nests deeper than " + MAX_NESTING
                    + " levels of parentheses, calls and subqueries");
        }
    }

    void leave() {
        nesting--;
    }

    /** The bound value named {@code key}, null when there is none. */
    Params.Value param(String key) {
        return params == null ? null : params.get(key);
    }

    void unscan() {
        n++;
    }

    Lexeme scanIgnoreWhitespace() {
        while (true) {
            Lexeme l = scan();
            if (l.tok() != Token.WS && l.tok() != Token.COMMENT) {
                return l;
            }
        }
    }

    void consumeWhitespace() {
        if (scan().tok() != Token.WS) {
            unscan();
        }
    }

    /** The next character the reader would give, ignoring tokens already scanned (Go's peekRune; EOF is consumed). */
    int peekRune() {
        SourceReader r = lexer.reader();
        int c = r.read();
        if (c != SourceReader.EOF) {
            r.unread();
        }
        return c;
    }

    String parseIdent() {
        Lexeme l = scanIgnoreWhitespace();
        if (l.tok() != Token.IDENT) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("identifier"), l.pos());
        }
        return l.lit();
    }

    List<String> parseIdentList() {
        List<String> idents = new ArrayList<>();
        idents.add(parseIdent());
        while (true) {
            if (scanIgnoreWhitespace().tok() != Token.COMMA) {
                unscan();
                return idents;
            }
            idents.add(parseIdent());
        }
    }

    /** {@code "db"."rp".m}, {@code db..m}: up to three segments; a following {@code /} or {@code :} is left to the caller. */
    List<String> parseSegmentedIdents() {
        List<String> idents = new ArrayList<>();
        idents.add(parseIdent());
        while (true) {
            if (scan().tok() != Token.DOT) {
                unscan();
                break;
            }
            int ch = peekRune();
            if (ch == '/' || ch == ':') {
                break;
            } else if (ch == '.') {
                idents.add("");
                continue;
            }
            idents.add(parseIdent());
        }
        if (idents.size() > 3) {
            throw ParseException.at("too many segments in " + GoText.quoteIdent(idents.toArray(String[]::new)), new Pos(0, 0));
        }
        return idents;
    }

    String parseString() {
        Lexeme l = scanIgnoreWhitespace();
        if (l.tok() != Token.STRING) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("string"), l.pos());
        }
        return l.lit();
    }

    List<String> parseStringList() {
        List<String> strs = new ArrayList<>();
        strs.add(parseString());
        while (true) {
            if (scanIgnoreWhitespace().tok() != Token.COMMA) {
                unscan();
                return strs;
            }
            strs.add(parseString());
        }
    }

    /** An INTEGER in [min, max]. */
    int parseInt(int min, int max) {
        Lexeme l = scanIgnoreWhitespace();
        if (l.tok() != Token.INTEGER) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("integer"), l.pos());
        }
        long v;
        try {
            v = Long.parseLong(l.lit());
        } catch (NumberFormatException e) {
            throw ParseException.at("strconv.Atoi: parsing " + goQuote(l.lit()) + ": value out of range", l.pos());
        }
        if (v < min || v > max) {
            throw ParseException.at("invalid value " + v + ": must be " + min + " <= n <= " + max, l.pos());
        }
        return (int) v;
    }

    /** An unsigned 64-bit INTEGER, returned in a long's bits. */
    long parseUInt64() {
        Lexeme l = scanIgnoreWhitespace();
        if (l.tok() != Token.INTEGER) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("integer"), l.pos());
        }
        try {
            return Long.parseUnsignedLong(l.lit());
        } catch (NumberFormatException e) {
            String why = l.lit().chars().allMatch(Lexer::isDigit) ? "value out of range" : "invalid syntax";
            throw ParseException.at("strconv.ParseUint: parsing " + goQuote(l.lit()) + ": " + why, l.pos());
        }
    }

    /** A DURATIONVAL, or INF (0). */
    long parseDuration() {
        Lexeme l = scanIgnoreWhitespace();
        if (l.tok() != Token.DURATIONVAL && l.tok() != Token.INF) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("duration"), l.pos());
        }
        if (l.tok() == Token.INF) {
            return 0;
        }
        try {
            return GoText.parseDuration(l.lit());
        } catch (GoText.BadDuration e) {
            throw ParseException.at(e.getMessage(), l.pos());
        }
    }

    /** {@code <token> <integer>} when the token is there, else 0; a top-level clause is marked for the gateway. */
    long parseOptionalTokenAndInt(Token t) {
        Lexeme keyword = scanIgnoreWhitespace();
        if (keyword.tok() != t) {
            unscan();
            return 0;
        }
        Lexeme l = scanIgnoreWhitespace();
        if (l.tok() != Token.INTEGER) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("integer"), l.pos());
        }
        long v = parseLongOr(l.lit());
        if (v < 0) {
            throw ParseException.at(t + " must be >= 0", l.pos());
        }
        if (depth == 0) {
            marks.paging.add(new Edit<>(offset(keyword.start()), offset(l.end()), t));
        }
        return v;
    }

    /** Go's strconv.ParseInt result with the error ignored: the clamped value on overflow. */
    private static long parseLongOr(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    void parseTokens(Token... tokens) {
        for (Token expected : tokens) {
            Lexeme l = scanIgnoreWhitespace();
            if (l.tok() != expected) {
                throw ParseException.expected(l.tok(), l.lit(), List.of(expected.toString()), l.pos());
            }
        }
    }

    /** True when the next tokens are {@code tokens}; otherwise the first differing token is unscanned. */
    boolean tryTokens(Token... tokens) {
        for (Token expected : tokens) {
            if (scanIgnoreWhitespace().tok() != expected) {
                unscan();
                return false;
            }
        }
        return true;
    }

    /** Go's %q for the ASCII digits strconv errors quote. */
    static String goQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
