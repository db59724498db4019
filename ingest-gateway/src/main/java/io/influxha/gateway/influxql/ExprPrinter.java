package io.influxha.gateway.influxql;

import java.util.List;
import java.util.StringJoiner;

/** influxql's String() of expressions and sources (ast.go), byte for byte. */
final class ExprPrinter {
    private ExprPrinter() {}

    static String print(Expr e) {
        if (e instanceof Expr.BinaryExpr b) {
            return print(b.lhs()) + " " + b.op() + " " + print(b.rhs());
        } else if (e instanceof Expr.BooleanLiteral b) {
            return b.val() ? "true" : "false";
        } else if (e instanceof Expr.Call c) {
            StringJoiner args = new StringJoiner(", ");
            c.args().forEach(a -> args.add(print(a)));
            return c.name() + "(" + args + ")";
        } else if (e instanceof Expr.Distinct d) {
            return "DISTINCT " + d.val();
        } else if (e instanceof Expr.DurationLiteral d) {
            return GoText.formatDuration(d.nanos());
        } else if (e instanceof Expr.IntegerLiteral i) {
            return Long.toString(i.val());
        } else if (e instanceof Expr.UnsignedLiteral u) {
            return Long.toUnsignedString(u.val());
        } else if (e instanceof Expr.NumberLiteral n) {
            return GoText.formatFloat3(n.val());
        } else if (e instanceof Expr.ParenExpr p) {
            return "(" + print(p.expr()) + ")";
        } else if (e instanceof Expr.RegexLiteral r) {
            return regex(r);
        } else if (e instanceof Expr.ListLiteral l) {
            StringJoiner vals = new StringJoiner(", ", "(", ")");
            l.vals().forEach(v -> vals.add(GoText.quoteIdent(v)));
            return vals.toString();
        } else if (e instanceof Expr.StringLiteral s) {
            return GoText.quoteString(s.val());
        } else if (e instanceof Expr.VarRef v) {
            return GoText.quoteIdent(v.val()) + (v.type() == Expr.DataType.UNKNOWN ? "" : "::" + v.type());
        } else if (e instanceof Expr.Wildcard w) {
            return w.type() == Token.FIELD ? "*::field" : w.type() == Token.TAG ? "*::tag" : "*";
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    static String regex(Expr.RegexLiteral r) {
        return "/" + r.pattern().replace("/", "\\/") + "/";
    }

    static String source(Source s) {
        if (s instanceof Source.SubQuery q) {
            return "(" + StatementPrinter.print(q.statement()) + ")";
        }
        Source.Measurement m = (Source.Measurement) s;
        StringBuilder buf = new StringBuilder();
        if (!m.database().isEmpty()) {
            buf.append(GoText.quoteIdent(m.database())).append('.');
        }
        if (!m.retentionPolicy().isEmpty()) {
            buf.append(GoText.quoteIdent(m.retentionPolicy()));
        }
        if (!m.database().isEmpty() || !m.retentionPolicy().isEmpty()) {
            buf.append('.');
        }
        if (!m.name().isEmpty()) {
            buf.append(GoText.quoteIdent(m.name()));
        } else if (m.regex() != null) {
            buf.append(regex(m.regex()));
        }
        return buf.toString();
    }

    static String sources(List<Source> sources) {
        StringJoiner j = new StringJoiner(", ");
        sources.forEach(s -> j.add(source(s)));
        return j.toString();
    }
}
