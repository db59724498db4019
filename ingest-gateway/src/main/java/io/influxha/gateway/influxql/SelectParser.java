package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Lexer.Lexeme;
import io.influxha.gateway.influxql.SelectStatement.Dimension;
import io.influxha.gateway.influxql.SelectStatement.Field;
import io.influxha.gateway.influxql.SelectStatement.Fill;
import io.influxha.gateway.influxql.SelectStatement.SortField;
import io.influxha.gateway.influxql.SelectStatement.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** influxql's SELECT grammar and the clauses other statements share: sources, WHERE, GROUP BY, ORDER BY. */
final class SelectParser {
    /** influxql's targetRequirement. */
    enum TargetRule { REQUIRED, NOT_REQUIRED, SUBQUERY }

    private static final Set<Token> WHERE_ONLY = Set.of(Token.EQ, Token.NEQ, Token.EQREGEX, Token.NEQREGEX, Token.LT,
            Token.LTE, Token.GT, Token.GTE, Token.AND, Token.OR);

    private final Parser p;
    private final ExprParser exprs;

    SelectParser(Parser p) {
        this.p = p;
        this.exprs = new ExprParser(p);
    }

    /** The SELECT keyword was read. */
    SelectStatement parseSelectStatement(TargetRule rule) {
        List<Field> fields = parseFields();
        Target target = parseTarget(rule);
        Lexeme from = p.scanIgnoreWhitespace();
        if (from.tok() != Token.FROM) {
            throw ParseException.expected(from.tok(), from.lit(), List.of("FROM"), from.pos());
        }
        List<Source> sources = parseSources(true);
        Expr condition = parseCondition();
        List<Dimension> dimensions = parseDimensions();
        FillChoice fill = parseFill();
        List<SortField> sort = parseOrderBy();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        long slimit = p.parseOptionalTokenAndInt(Token.SLIMIT);
        long soffset = p.parseOptionalTokenAndInt(Token.SOFFSET);
        String location = parseLocation();
        boolean raw = fields.stream().noneMatch(f -> containsCall(f.expr()));
        return new SelectStatement(fields, target, dimensions, sources, condition, sort, limit, offset, slimit, soffset, raw,
                fill.fill(), fill.value(), location);
    }

    private static boolean containsCall(Expr e) {
        if (e instanceof Expr.Call) {
            return true;
        } else if (e instanceof Expr.BinaryExpr b) {
            return containsCall(b.lhs()) || containsCall(b.rhs());
        } else if (e instanceof Expr.ParenExpr paren) {
            return containsCall(paren.expr());
        }
        return false;
    }

    private List<Field> parseFields() {
        List<Field> fields = new ArrayList<>();
        while (true) {
            fields.add(parseField());
            if (p.scan().tok() != Token.COMMA) {
                p.unscan();
                return fields;
            }
        }
    }

    private Field parseField() {
        Expr expr = exprs.parseRegex();
        if (expr == null) {
            SourceReader.Pos pos = p.scanIgnoreWhitespace().pos();
            p.unscan();
            expr = exprs.parseExpr();
            Token bad = whereOnlyOperator(expr, null);
            if (bad != null) {
                throw ParseException.plain("invalid operator " + bad + " in SELECT clause at line " + (pos.line() + 1)
                        + ", char " + (pos.column() + 1) + "; operator is intended for WHERE clause");
            }
        }
        String alias = parseAlias();
        p.consumeWhitespace();
        return new Field(expr, alias);
    }

    /** influxql's validateField walk: the last comparison or logical operator met, in walk order, else {@code found}. */
    private static Token whereOnlyOperator(Expr e, Token found) {
        if (e instanceof Expr.BinaryExpr b) {
            if (WHERE_ONLY.contains(b.op())) {
                return b.op();
            }
            return whereOnlyOperator(b.rhs(), whereOnlyOperator(b.lhs(), found));
        } else if (e instanceof Expr.Call c) {
            Token t = found;
            for (Expr arg : c.args()) {
                t = whereOnlyOperator(arg, t);
            }
            return t;
        } else if (e instanceof Expr.ParenExpr paren) {
            return whereOnlyOperator(paren.expr(), found);
        }
        return found;
    }

    private String parseAlias() {
        if (p.scanIgnoreWhitespace().tok() != Token.AS) {
            p.unscan();
            return "";
        }
        return p.parseIdent();
    }

    private Target parseTarget(TargetRule rule) {
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() != Token.INTO) {
            if (rule == TargetRule.REQUIRED) {
                throw ParseException.expected(l.tok(), l.lit(), List.of("INTO"), l.pos());
            }
            p.unscan();
            return null;
        }
        List<String> idents = new ArrayList<>(p.parseSegmentedIdents());
        if (idents.size() < 3 && p.peekRune() == ':') {
            p.parseTokens(Token.COLON, Token.MEASUREMENT);
            idents.add("");
        }
        String db = "";
        String rp = "";
        String name = "";
        switch (idents.size()) {
            case 1 -> name = idents.get(0);
            case 2 -> {
                rp = idents.get(0);
                name = idents.get(1);
            }
            case 3 -> {
                db = idents.get(0);
                rp = idents.get(1);
                name = idents.get(2);
            }
            default -> { }
        }
        return new Target(new Source.Measurement(db, rp, name, null, true));
    }

    List<Source> parseSources(boolean subqueries) {
        List<Source> sources = new ArrayList<>();
        while (true) {
            sources.add(parseSource(subqueries));
            if (p.scanIgnoreWhitespace().tok() != Token.COMMA) {
                p.unscan();
                return sources;
            }
        }
    }

    Source parseSource(boolean subqueries) {
        Expr.RegexLiteral re = exprs.parseRegex();
        if (re != null) {
            return new Source.Measurement("", "", "", re, false);
        }
        if (subqueries) {
            if (p.scanIgnoreWhitespace().tok() == Token.LPAREN) {
                p.parseTokens(Token.SELECT);
                p.depth++;
                p.enter();
                SelectStatement stmt = parseSelectStatement(TargetRule.SUBQUERY);
                p.leave();
                p.depth--;
                p.parseTokens(Token.RPAREN);
                return new Source.SubQuery(stmt);
            }
            p.unscan();
        }
        List<String> idents = p.parseSegmentedIdents();
        if (idents.size() == 3) {
            return new Source.Measurement(idents.get(0), idents.get(1), idents.get(2), null, false);
        }
        re = exprs.parseRegex();
        if (idents.size() == 1) {
            return re != null ? new Source.Measurement("", idents.get(0), "", re, false)
                    : new Source.Measurement("", "", idents.get(0), null, false);
        }
        return re != null ? new Source.Measurement(idents.get(0), idents.get(1), "", re, false)
                : new Source.Measurement("", idents.get(0), idents.get(1), null, false);
    }

    Expr parseCondition() {
        if (p.scanIgnoreWhitespace().tok() != Token.WHERE) {
            p.unscan();
            return null;
        }
        return exprs.parseExpr();
    }

    List<Dimension> parseDimensions() {
        if (p.scanIgnoreWhitespace().tok() != Token.GROUP) {
            p.unscan();
            return null;
        }
        Lexeme by = p.scanIgnoreWhitespace();
        if (by.tok() != Token.BY) {
            throw ParseException.expected(by.tok(), by.lit(), List.of("BY"), by.pos());
        }
        List<Dimension> dimensions = new ArrayList<>();
        while (true) {
            Expr re = exprs.parseRegex();
            if (re != null) {
                dimensions.add(new Dimension(re));
            } else {
                dimensions.add(new Dimension(exprs.parseExpr()));
                p.consumeWhitespace();
            }
            if (p.scan().tok() != Token.COMMA) {
                p.unscan();
                return dimensions;
            }
        }
    }

    private record FillChoice(Fill fill, Object value) {}

    private FillChoice parseFill() {
        Lexeme l = p.scanIgnoreWhitespace();
        p.unscan();
        if (l.tok() != Token.IDENT || !ExprParser.lower(l.lit()).equals("fill")) {
            return new FillChoice(Fill.NULL, null);
        }
        if (!(exprs.parseExpr() instanceof Expr.Call fill)) {
            throw ParseException.plain("fill must be a function call");
        } else if (fill.args().size() != 1) {
            throw ParseException.plain("fill requires an argument, e.g.: 0, null, none, previous, linear");
        }
        Expr arg = fill.args().get(0);
        switch (ExprPrinter.print(arg)) {
            case "null":
                return new FillChoice(Fill.NULL, null);
            case "none":
                return new FillChoice(Fill.NONE, null);
            case "previous":
                return new FillChoice(Fill.PREVIOUS, null);
            case "linear":
                return new FillChoice(Fill.LINEAR, null);
            default:
                if (arg instanceof Expr.IntegerLiteral i) {
                    return new FillChoice(Fill.NUMBER, i.val());
                } else if (arg instanceof Expr.NumberLiteral n) {
                    return new FillChoice(Fill.NUMBER, n.val());
                }
                throw ParseException.plain("expected number argument in fill()");
        }
    }

    /** {@code tz('Europe/Paris')}: the zone name as written, checked against the IANA names Java knows. */
    private String parseLocation() {
        Lexeme l = p.scanIgnoreWhitespace();
        p.unscan();
        if (l.tok() != Token.IDENT || !ExprParser.lower(l.lit()).equals("tz")) {
            return null;
        }
        if (!(exprs.parseExpr() instanceof Expr.Call tz)) {
            throw ParseException.plain("tz must be a function call");
        } else if (tz.args().size() != 1) {
            throw ParseException.plain("tz requires exactly one argument");
        }
        if (!(tz.args().get(0) instanceof Expr.StringLiteral name)) {
            throw ParseException.plain("expected string argument in tz()");
        }
        if (!TimeZones.exists(name.val())) {
            throw ParseException.plain("unable to find time zone " + name.val());
        }
        return name.val();
    }

    List<SortField> parseOrderBy() {
        if (p.scanIgnoreWhitespace().tok() != Token.ORDER) {
            p.unscan();
            return null;
        }
        Lexeme by = p.scanIgnoreWhitespace();
        if (by.tok() != Token.BY) {
            throw ParseException.expected(by.tok(), by.lit(), List.of("BY"), by.pos());
        }
        List<SortField> fields = new ArrayList<>();
        Lexeme l = p.scanIgnoreWhitespace();
        switch (l.tok()) {
            case ASC, DESC -> fields.add(new SortField("", l.tok() == Token.ASC));
            case IDENT -> {
                p.unscan();
                SortField field = parseSortField();
                if (!l.lit().equals("time")) {
                    throw ParseException.plain("only ORDER BY time supported at this time");
                }
                fields.add(field);
            }
            default -> throw ParseException.expected(l.tok(), l.lit(), List.of("identifier", "ASC", "DESC"), l.pos());
        }
        while (true) {
            if (p.scanIgnoreWhitespace().tok() != Token.COMMA) {
                p.unscan();
                break;
            }
            fields.add(parseSortField());
        }
        if (fields.size() > 1) {
            throw ParseException.plain("only ORDER BY time supported at this time");
        }
        return fields;
    }

    private SortField parseSortField() {
        String name = p.parseIdent();
        Token tok = p.scanIgnoreWhitespace().tok();
        if (tok != Token.ASC && tok != Token.DESC) {
            p.unscan();
            tok = Token.ASC;
        }
        return new SortField(name, tok == Token.ASC);
    }

    /** {@code DELETE} and {@code DROP SERIES}: the FROM measurements may name neither a database nor a policy. */
    Statement parseSeriesDeletion(boolean drop) {
        Lexeme l = p.scanIgnoreWhitespace();
        List<Source> sources = null;
        if (l.tok() == Token.FROM) {
            sources = parseSources(false);
            String error = null;
            for (Source s : sources) {
                if (s instanceof Source.Measurement m) {
                    if (!m.database().isEmpty()) {
                        error = "database not supported";
                    }
                    if (!m.retentionPolicy().isEmpty()) {
                        error = "retention policy not supported";
                    }
                }
            }
            if (error != null) {
                throw ParseException.at(error, new SourceReader.Pos(0, 0));
            }
        } else {
            p.unscan();
        }
        Expr condition = parseCondition();
        if (condition == null && sources == null) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("FROM", "WHERE"), l.pos());
        }
        return drop ? new Statement.DropSeriesStatement(sources, condition) : new Statement.DeleteSeriesStatement(sources, condition);
    }

    Statement.ExplainStatement parseExplainStatement() {
        boolean analyze = p.scanIgnoreWhitespace().tok() == Token.ANALYZE;
        if (!analyze) {
            p.unscan();
        }
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() != Token.SELECT) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("SELECT"), l.pos());
        }
        return new Statement.ExplainStatement(parseSelectStatement(TargetRule.NOT_REQUIRED), analyze);
    }
}
