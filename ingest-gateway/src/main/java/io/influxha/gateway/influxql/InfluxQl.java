package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Lexer.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's InfluxQL front end: parses a query exactly as the influxd behind it would
 * (influxql 1.1.0's ParseQuery with bound parameters), and keeps, for each statement, where it
 * lies in the query, so that what is forwarded is the statements the gateway analysed and nothing
 * else. A query influxql rejects throws {@link ParseException} with influxql's message.
 */
public final class InfluxQl {
    private InfluxQl() {}

    /** A request influxd's /query handler refuses before running anything: 400 with this message. */
    public static final class RequestException extends RuntimeException {
        RequestException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What influxd's /query handler does with {@code q} and {@code params} before it authorizes
     * and runs anything: trims {@code q} (Go's strings.TrimSpace), decodes and binds the
     * parameters, parses.
     *
     * @throws RequestException with influxd's message ({@code missing required parameter "q"},
     *     {@code error parsing query parameters: ...}, {@code error parsing json value: ...},
     *     {@code error parsing query: ...})
     * @throws UnboundException when a bound value cannot be written out as InfluxQL that means the same
     */
    public static List<ParsedStatement> parseRequest(String q, String rawParams) {
        String query = trimSpace(q == null ? "" : q);
        if (query.isEmpty()) {
            throw new RequestException("missing required parameter \"q\"");
        }
        Map<String, Params.Value> params;
        try {
            params = Params.decode(rawParams);
        } catch (Params.ParamsException e) {
            throw new RequestException(e.getMessage());
        }
        try {
            return parse(query, params);
        } catch (ParseException e) {
            throw new RequestException("error parsing query: " + e.getMessage());
        }
    }

    /** Go's strings.TrimSpace: Unicode white space (unicode.IsSpace) at both ends. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isGoSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Go's unicode.IsSpace: ASCII white space, U+0085, U+00A0 and the Unicode space separators. */
    private static boolean isGoSpace(int c) {
        if (c < 0x80) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        if (c == 0x85 || c == 0xA0) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * @param params bound parameters ({@link Params#decode}), empty for none
     * @throws ParseException as influxd's ParseQuery would fail
     * @throws UnboundException when a bound value cannot be written out as InfluxQL that means the same
     */
    public static List<ParsedStatement> parse(String query, Map<String, Params.Value> params) {
        Parser p = new Parser(query, params);
        StatementParsers statements = new StatementParsers(p);
        List<ParsedStatement> out = new ArrayList<>();
        boolean semi = true;
        while (true) {
            Lexeme l = p.scanIgnoreWhitespace();
            if (l.tok() == Token.EOF) {
                break;
            } else if (l.tok() == Token.SEMICOLON) {
                semi = true;
            } else {
                if (!semi) {
                    throw ParseException.expected(l.tok(), l.lit(), List.of(";"), l.pos());
                }
                p.unscan();
                int first = p.consumed();
                int start = p.offset(l.start());
                Statement st = statements.parseStatement();
                out.add(close(query, st, start, p.lastTokenEnd(first), p.marks));
                semi = false;
            }
        }
        if (!params.isEmpty()) {
            out.forEach(InfluxQl::checkBound);
        }
        return out;
    }

    private static ParsedStatement close(String query, Statement st, int start, int end, Parser.Marks marks) {
        return new ParsedStatement(st, query, start, end, within(marks.params, start, end), within(marks.nowCalls, start, end),
                within(marks.paging, start, end));
    }

    private static <T> List<Parser.Edit<T>> within(List<Parser.Edit<T>> edits, int start, int end) {
        return edits.stream().filter(e -> e.start() >= start && e.end() <= end).toList();
    }

    /** The statement with its bound values written out must read back as the same statement. */
    private static void checkBound(ParsedStatement st) {
        if (st.params().isEmpty()) {
            return;
        }
        String text = st.text();
        List<ParsedStatement> again;
        try {
            again = parse(text, Map.of());
        } catch (ParseException e) {
            throw new UnboundException(st, e.getMessage());
        }
        if (again.size() != 1 || !again.get(0).statement().equals(st.statement())) {
            throw new UnboundException(st, "it reads back as " + (again.isEmpty() ? "nothing" : StatementPrinter.print(again.get(0).statement())));
        }
    }

    /** A query whose bound parameters the gateway cannot forward as text that means the same. */
    public static final class UnboundException extends RuntimeException {
        UnboundException(ParsedStatement st, String why) {
            super("influx-ha: the bound parameters of '" + StatementPrinter.print(st.statement())
                    + "' cannot be written into the statement sent to the backends (" + why
                    + "); write the value into the query instead", null, false, false);
        }
    }
}
