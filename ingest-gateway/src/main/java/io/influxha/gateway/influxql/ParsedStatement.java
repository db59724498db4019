package io.influxha.gateway.influxql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One statement of a query, parsed, with where it lies in the query text: from its first token
 * to its last, so its text holds no comment that could swallow what follows it. The text the
 * gateway forwards is built from that extent alone, with bound parameters written out as literals,
 * and on request {@code now()} fixed and the paging clauses taken out.
 *
 * @param source the whole query
 * @param start offset of the first token in {@code source}
 * @param end offset just past the last token
 */
public record ParsedStatement(Statement statement, String source, int start, int end,
        List<Parser.Edit<Params.Value>> params, List<Parser.Edit<Void>> nowCalls, List<Parser.Edit<Token>> paging) {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The statement as written, bound parameters written out. */
    public String text() {
        return rewrite(null, Set.of());
    }

    /**
     * The statement as the gateway forwards it.
     *
     * @param now the time {@code now()} stands for (influxql's TimeLiteral text), or null to leave calls as written
     * @param withoutClauses the top-level paging clauses to take out: LIMIT, OFFSET, SLIMIT, SOFFSET
     */
    public String rewrite(Instant now, Set<Token> withoutClauses) {
        List<Parser.Edit<String>> edits = new ArrayList<>();
        params.forEach(e -> edits.add(new Parser.Edit<>(e.start(), e.end(), separated(e.start(), literal(e.what())))));
        if (now != null) {
            String time = timeLiteral(now);
            nowCalls.forEach(e -> edits.add(new Parser.Edit<>(e.start(), e.end(), time)));
        }
        paging.stream().filter(e -> withoutClauses.contains(e.what()))
                .forEach(e -> edits.add(new Parser.Edit<>(e.start(), e.end(), "")));
        edits.sort(Comparator.comparingInt((Parser.Edit<String> e) -> e.start()).thenComparingInt(e -> -e.end()));
        StringBuilder out = new StringBuilder();
        int at = start;
        for (Parser.Edit<String> e : edits) {
            if (e.start() < at) {
                continue; // inside an edit already made (a parameter inside now() or a paging clause)
            }
            out.append(source, at, e.start()).append(e.what());
            at = e.end();
        }
        return out.append(source, at, end).toString().strip();
    }

    /** A negative literal after a minus sign gets a space, or the two would read as a comment. */
    private String separated(int at, String literal) {
        return literal.startsWith("-") && at > 0 && source.charAt(at - 1) == '-' ? " " + literal : literal;
    }

    /** influxql's TimeLiteral.String(): RFC 3339 in UTC with nanoseconds, trailing zeros dropped. */
    static String timeLiteral(Instant t) {
        String fraction = "";
        if (t.getNano() != 0) {
            fraction = "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
        }
        return "'" + SECONDS.format(t) + fraction + "Z'";
    }

    /** A bound value as the InfluxQL literal that reads back as the same token. */
    static String literal(Params.Value v) {
        if (v instanceof Params.Identifier id) {
            return "\"" + id.name().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        } else if (v instanceof Params.StringValue s) {
            return GoText.quoteString(s.value());
        } else if (v instanceof Params.RegexValue r) {
            return "/" + r.pattern().replace("/", "\\/") + "/";
        } else if (v instanceof Params.NumberValue n) {
            String text = n.text();
            return text.contains(".") ? text : text + ".0";
        } else if (v instanceof Params.BooleanValue b) {
            return b.value() ? "true" : "false";
        }
        return v.text(); // integers and durations: their literal text; an unbindable value never parses
    }
}
