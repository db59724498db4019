package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Lexer.Lexeme;
import io.influxha.gateway.influxql.SelectStatement.Dimension;
import io.influxha.gateway.influxql.SelectStatement.SortField;
import java.util.List;

/** influxql's SHOW statements (parseShow*Statement), each after its leading keywords were read. */
final class ShowParser {
    private final Parser p;
    private final SelectParser clauses;
    private final ExprParser exprs;

    ShowParser(Parser p, SelectParser clauses) {
        this.p = p;
        this.clauses = clauses;
        this.exprs = new ExprParser(p);
    }

    /** {@code ON <db>} when present, else "". */
    private String on() {
        if (p.scanIgnoreWhitespace().tok() == Token.ON) {
            return p.parseIdent();
        }
        p.unscan();
        return "";
    }

    /** {@code FROM <sources>} when present, else null. */
    private List<Source> from() {
        if (p.scanIgnoreWhitespace().tok() == Token.FROM) {
            return clauses.parseSources(false);
        }
        p.unscan();
        return null;
    }

    /** The shared tail of the cardinality statements: ON, FROM, [WITH KEY], WHERE, GROUP BY, LIMIT, OFFSET. */
    private record Cardinality(String db, List<Source> sources, TagKey key, Expr condition, List<Dimension> dimensions,
            long limit, long offset) {}

    private Cardinality cardinality(boolean withKey) {
        String db = on();
        List<Source> sources = from();
        TagKey key = withKey ? parseTagKeyExpr() : null;
        Expr condition = clauses.parseCondition();
        List<Dimension> dimensions = clauses.parseDimensions();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        return new Cardinality(db, sources, key, condition, dimensions, limit, offset);
    }

    private void expectCardinality(List<String> expected) {
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() != Token.CARDINALITY) {
            throw ParseException.expected(l.tok(), l.lit(), expected, l.pos());
        }
    }

    /** Optional EXACT, then CARDINALITY (SHOW TAG KEY / FIELD KEY). */
    private boolean exactCardinality() {
        boolean exact = p.scanIgnoreWhitespace().tok() == Token.EXACT;
        if (!exact) {
            p.unscan();
        }
        expectCardinality(exact ? List.of("CARDINALITY") : List.of("EXACT", "CARDINALITY"));
        return exact;
    }

    Statement series() {
        boolean exact = p.scanIgnoreWhitespace().tok() == Token.EXACT;
        if (!exact) {
            p.unscan();
        }
        if (p.scanIgnoreWhitespace().tok() == Token.CARDINALITY) {
            Cardinality c = cardinality(false);
            return new Statement.ShowSeriesCardinalityStatement(c.db(), exact, c.sources(), c.condition(), c.dimensions(),
                    c.limit(), c.offset());
        }
        p.unscan();
        String db = on();
        List<Source> sources = from();
        Expr condition = clauses.parseCondition();
        List<SortField> sort = clauses.parseOrderBy();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        return new Statement.ShowSeriesStatement(db, sources, condition, sort, limit, offset);
    }

    Statement measurementCardinality(boolean exact) {
        if (exact) {
            expectCardinality(List.of("CARDINALITY"));
        }
        Cardinality c = cardinality(false);
        return new Statement.ShowMeasurementCardinalityStatement(exact, c.db(), c.sources(), c.condition(), c.dimensions(),
                c.limit(), c.offset());
    }

    Statement measurements() {
        String db = on();
        Source source = null;
        if (p.scanIgnoreWhitespace().tok() == Token.WITH) {
            p.parseTokens(Token.MEASUREMENT);
            Lexeme op = p.scanIgnoreWhitespace();
            if (op.tok() != Token.EQ && op.tok() != Token.EQREGEX) {
                throw ParseException.expected(op.tok(), op.lit(), List.of("=", "=~"), op.pos());
            }
            source = clauses.parseSource(false);
        } else {
            p.unscan();
        }
        Expr condition = clauses.parseCondition();
        List<SortField> sort = clauses.parseOrderBy();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        return new Statement.ShowMeasurementsStatement(db, source, condition, sort, limit, offset);
    }

    Statement retentionPolicies() {
        return new Statement.ShowRetentionPoliciesStatement(on());
    }

    Statement tagKeyCardinality() {
        boolean exact = exactCardinality();
        Cardinality c = cardinality(false);
        return new Statement.ShowTagKeyCardinalityStatement(c.db(), exact, c.sources(), c.condition(), c.dimensions(),
                c.limit(), c.offset());
    }

    Statement tagKeys() {
        String db = on();
        List<Source> sources = from();
        Expr condition = clauses.parseCondition();
        List<SortField> sort = clauses.parseOrderBy();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        long slimit = p.parseOptionalTokenAndInt(Token.SLIMIT);
        long soffset = p.parseOptionalTokenAndInt(Token.SOFFSET);
        return new Statement.ShowTagKeysStatement(db, sources, condition, sort, limit, offset, slimit, soffset);
    }

    Statement tagValues() {
        Token first = p.scanIgnoreWhitespace().tok();
        if (first == Token.EXACT || first == Token.CARDINALITY) {
            boolean exact = first == Token.EXACT;
            if (exact) {
                expectCardinality(List.of("CARDINALITY"));
            }
            Cardinality c = cardinality(true);
            return new Statement.ShowTagValuesCardinalityStatement(c.db(), exact, c.sources(), c.key().op(), c.key().expr(),
                    c.condition(), c.dimensions(), c.limit(), c.offset());
        }
        p.unscan();
        String db = on();
        List<Source> sources = from();
        TagKey key = parseTagKeyExpr();
        Expr condition = clauses.parseCondition();
        List<SortField> sort = clauses.parseOrderBy();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        return new Statement.ShowTagValuesStatement(db, sources, key.op(), key.expr(), condition, sort, limit, offset);
    }

    private record TagKey(Token op, Expr expr) {}

    /** {@code WITH KEY IN (k, ...)}, {@code = k}, {@code != k}, {@code =~ /re/}, {@code !~ /re/}. */
    private TagKey parseTagKeyExpr() {
        p.parseTokens(Token.WITH, Token.KEY);
        Lexeme l = p.scanIgnoreWhitespace();
        switch (l.tok()) {
            case IN -> {
                Lexeme open = p.scanIgnoreWhitespace();
                if (open.tok() != Token.LPAREN) {
                    throw ParseException.expected(open.tok(), open.lit(), List.of("("), open.pos());
                }
                List<String> keys = p.parseIdentList();
                Lexeme close = p.scanIgnoreWhitespace();
                if (close.tok() != Token.RPAREN) {
                    throw ParseException.expected(close.tok(), close.lit(), List.of(")"), close.pos());
                }
                return new TagKey(Token.IN, new Expr.ListLiteral(keys));
            }
            case EQ, NEQ -> {
                return new TagKey(l.tok(), new Expr.StringLiteral(p.parseIdent()));
            }
            case EQREGEX, NEQREGEX -> {
                Expr.RegexLiteral re = exprs.parseRegex();
                if (re == null) {
                    Lexeme next = p.scanIgnoreWhitespace();
                    throw ParseException.expected(next.tok(), next.lit(), List.of("regex"), next.pos());
                }
                return new TagKey(l.tok(), re);
            }
            default -> throw ParseException.expected(l.tok(), l.lit(), List.of("IN", "=", "=~"), l.pos());
        }
    }

    Statement fieldKeyCardinality() {
        boolean exact = exactCardinality();
        Cardinality c = cardinality(false);
        return new Statement.ShowFieldKeyCardinalityStatement(c.db(), exact, c.sources(), c.condition(), c.dimensions(),
                c.limit(), c.offset());
    }

    Statement fieldKeys() {
        String db = on();
        List<Source> sources = from();
        List<SortField> sort = clauses.parseOrderBy();
        long limit = p.parseOptionalTokenAndInt(Token.LIMIT);
        long offset = p.parseOptionalTokenAndInt(Token.OFFSET);
        return new Statement.ShowFieldKeysStatement(db, sources, sort, limit, offset);
    }

    Statement grantsForUser() {
        return new Statement.ShowGrantsForUserStatement(p.parseIdent());
    }

    /** SHOW STATS / SHOW DIAGNOSTICS: optional {@code FOR '<module>'}. */
    String forModule() {
        if (p.scanIgnoreWhitespace().tok() == Token.FOR) {
            return p.parseString();
        }
        p.unscan();
        return "";
    }
}
