package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Expr.DataType;
import io.influxha.gateway.influxql.Lexer.Lexeme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** influxql's expression grammar: ParseExpr, parseUnaryExpr, ParseVarRef, parseRegex, parseCall. */
final class ExprParser {
    private static final long MIN_LONG_AS_UNSIGNED = Long.MIN_VALUE; // uint64(math.MaxInt64 + 1)

    private final Parser p;

    ExprParser(Parser p) {
        this.p = p;
    }

    /** A binary node still being built: influxql grows its tree by replacing right-hand sides. */
    private static final class Node {
        Token op;
        Object lhs;
        Object rhs;

        Node(Token op, Object lhs, Object rhs) {
            this.op = op;
            this.lhs = lhs;
            this.rhs = rhs;
        }
    }

    Expr parseExpr() {
        Node root = new Node(null, null, parseUnaryExpr());
        while (true) {
            Token op = p.scanIgnoreWhitespace().tok();
            if (!op.isOperator()) {
                p.unscan();
                return finish(root.rhs);
            }
            Expr rhs;
            if (op.isRegexOp()) {
                rhs = parseRegex();
                if (rhs == null) {
                    Lexeme l = p.scanIgnoreWhitespace();
                    throw ParseException.expected(l.tok(), l.lit(), List.of("regex"), l.pos());
                }
            } else {
                rhs = parseUnaryExpr();
            }
            for (Node node = root; ; ) {
                if (!(node.rhs instanceof Node r) || r.op.precedence() >= op.precedence()) {
                    node.rhs = new Node(op, node.rhs, rhs);
                    break;
                }
                node = r;
            }
        }
    }

    private static Expr finish(Object o) {
        if (o instanceof Node n) {
            return new Expr.BinaryExpr(n.op, finish(n.lhs), finish(n.rhs));
        }
        return (Expr) o;
    }

    Expr parseUnaryExpr() {
        p.enter();
        try {
            return unary();
        } finally {
            p.leave();
        }
    }

    private Expr unary() {
        if (p.scanIgnoreWhitespace().tok() == Token.LPAREN) {
            Expr expr = parseExpr();
            Lexeme l = p.scanIgnoreWhitespace();
            if (l.tok() != Token.RPAREN) {
                throw ParseException.expected(l.tok(), l.lit(), List.of(")"), l.pos());
            }
            return new Expr.ParenExpr(expr);
        }
        p.unscan();
        Lexeme l = p.scanIgnoreWhitespace();
        switch (l.tok()) {
            case IDENT: {
                if (p.scan().tok() == Token.LPAREN) {
                    int start = p.offset(l.start());
                    Expr.Call call = parseCall(l.lit());
                    if (call.name().equals("now")) {
                        p.marks.nowCalls.add(new Parser.Edit<>(start, p.offset(p.last().end()), null));
                    }
                    return call;
                }
                p.unscan();
                p.unscan();
                return parseVarRef();
            }
            case DISTINCT:
                return distinct();
            case STRING:
                return new Expr.StringLiteral(l.lit());
            case NUMBER: {
                double v;
                try {
                    v = Double.parseDouble(l.lit());
                } catch (NumberFormatException e) {
                    v = Double.POSITIVE_INFINITY;
                }
                if (Double.isInfinite(v)) {
                    throw ParseException.at("unable to parse number", l.pos());
                }
                return new Expr.NumberLiteral(v);
            }
            case INTEGER:
                return integer(l);
            case TRUE:
            case FALSE:
                return new Expr.BooleanLiteral(l.tok() == Token.TRUE);
            case DURATIONVAL:
                try {
                    return new Expr.DurationLiteral(GoText.parseDuration(l.lit()));
                } catch (GoText.BadDuration e) {
                    throw ParseException.plain(e.getMessage());
                }
            case MUL:
                return wildcard();
            case REGEX:
                return new Expr.RegexLiteral(compile(l.lit(), l));
            case BOUNDPARAM:
                throw unboundParameter(p, l.lit());
            case ADD:
            case SUB:
                return signed(l.tok());
            default:
                throw ParseException.expected(l.tok(), l.lit(), List.of("identifier", "string", "number", "bool"), l.pos());
        }
    }

    private Expr distinct() {
        Lexeme l0 = p.scan();
        if (l0.tok() == Token.LPAREN) {
            return parseCall("distinct");
        } else if (l0.tok() == Token.WS) {
            Lexeme l1 = p.scanIgnoreWhitespace();
            if (l1.tok() != Token.IDENT) {
                throw ParseException.expected(l1.tok(), l1.lit(), List.of("identifier"), l1.pos());
            }
            return new Expr.Distinct(l1.lit());
        }
        throw ParseException.expected(l0.tok(), l0.lit(), List.of("(", "identifier"), l0.pos());
    }

    private static Expr integer(Lexeme l) {
        try {
            return new Expr.IntegerLiteral(Long.parseLong(l.lit()));
        } catch (NumberFormatException e) {
            try {
                return new Expr.UnsignedLiteral(Long.parseUnsignedLong(l.lit()));
            } catch (NumberFormatException e2) {
                throw ParseException.at("unable to parse integer", l.pos());
            }
        }
    }

    private Expr wildcard() {
        Lexeme l = p.scan();
        if (l.tok() != Token.DOUBLECOLON) {
            p.unscan();
            return new Expr.Wildcard(Token.ILLEGAL);
        }
        Lexeme t = p.scan();
        if (t.tok() == Token.FIELD || t.tok() == Token.TAG) {
            return new Expr.Wildcard(t.tok());
        }
        throw ParseException.expected(t.tok(), t.lit(), List.of("field", "tag"), t.pos());
    }

    /**
     * A BOUNDPARAM still in the stream was not bound: influxql's wording for each reason. A value
     * that could not be bound arrives here with its error text as the literal, which influxql then
     * looks up as a parameter name, so its message reads {@code missing parameter: <error>}.
     */
    private static ParseException unboundParameter(Parser p, String lit) {
        String k = lit.startsWith("$") ? lit.substring(1) : lit;
        if (k.isEmpty()) {
            return ParseException.plain("empty bound parameter");
        }
        Params.Value v = p.param(k);
        return ParseException.plain(v == null ? "missing parameter: " + k : v.text());
    }

    /** Unary + or -: negates a literal, or multiplies a variable, call or parenthesis by -1 (or 1). */
    private Expr signed(Token sign) {
        int mul = sign == Token.SUB ? -1 : 1;
        Lexeme l0 = p.scanIgnoreWhitespace();
        switch (l0.tok()) {
            case NUMBER, INTEGER, DURATIONVAL, LPAREN, IDENT -> {
                p.unscan();
                Expr lit = parseUnaryExpr();
                if (lit instanceof Expr.NumberLiteral n) {
                    return new Expr.NumberLiteral(n.val() * mul);
                } else if (lit instanceof Expr.IntegerLiteral i) {
                    return new Expr.IntegerLiteral(i.val() * mul);
                } else if (lit instanceof Expr.UnsignedLiteral u) {
                    if (sign == Token.SUB) {
                        if (u.val() == MIN_LONG_AS_UNSIGNED) {
                            return new Expr.IntegerLiteral(Long.MIN_VALUE);
                        }
                        throw ParseException.plain("constant -" + Long.toUnsignedString(u.val()) + " underflows int64");
                    }
                    return u;
                } else if (lit instanceof Expr.DurationLiteral d) {
                    return new Expr.DurationLiteral(d.nanos() * mul);
                }
                return new Expr.BinaryExpr(Token.MUL, new Expr.IntegerLiteral(mul), lit);
            }
            default -> throw ParseException.expected(l0.tok(), l0.lit(), List.of("identifier", "number", "duration", "("), l0.pos());
        }
    }

    Expr.VarRef parseVarRef() {
        List<String> segments = p.parseSegmentedIdents();
        DataType type = DataType.UNKNOWN;
        if (p.scan().tok() == Token.DOUBLECOLON) {
            Lexeme l = p.scan();
            switch (l.tok()) {
                case IDENT -> type = switch (lower(l.lit())) {
                    case "float" -> DataType.FLOAT;
                    case "integer" -> DataType.INTEGER;
                    case "unsigned" -> DataType.UNSIGNED;
                    case "string" -> DataType.STRING;
                    case "boolean" -> DataType.BOOLEAN;
                    default -> throw ParseException.expected(l.tok(), l.lit(),
                            List.of("float", "integer", "unsigned", "string", "boolean", "field", "tag"), l.pos());
                };
                case FIELD -> type = DataType.ANY_FIELD;
                case TAG -> type = DataType.TAG;
                default -> throw ParseException.expected(l.tok(), l.lit(),
                        List.of("float", "integer", "string", "boolean", "field", "tag"), l.pos());
            }
        } else {
            p.unscan();
        }
        return new Expr.VarRef(String.join(".", segments), type);
    }

    /** A regex literal when the next character starts one (or a bound parameter that is one), else null. */
    Expr.RegexLiteral parseRegex() {
        if (Lexer.isWhitespace(p.peekRune())) {
            p.consumeWhitespace();
        }
        int next = p.peekRune();
        if (next == '$') {
            Token tok = p.scan().tok();
            p.unscan();
            if (tok != Token.REGEX) {
                return null;
            }
        } else if (next != '/') {
            return null;
        }
        Lexeme l = p.scanRegex();
        if (l.tok() == Token.BADESCAPE) {
            throw ParseException.at("bad escape: " + l.lit(), l.pos());
        } else if (l.tok() == Token.BADREGEX) {
            throw ParseException.at("bad regex: " + l.lit(), l.pos());
        } else if (l.tok() != Token.REGEX) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("regex"), l.pos());
        }
        return new Expr.RegexLiteral(compile(l.lit(), l));
    }

    /** influxql's regexp.Compile: the pattern, or Go's error at the literal's position. */
    private static String compile(String pattern, Lexeme at) {
        String error = GoRegex.error(pattern);
        if (error != null) {
            throw ParseException.at(error, at.pos());
        }
        return pattern;
    }

    /** A call whose name and opening parenthesis were read. */
    Expr.Call parseCall(String name) {
        String lowered = lower(name);
        List<Expr> args = new ArrayList<>();
        Expr.RegexLiteral re = parseRegex();
        if (re != null) {
            args.add(re);
        } else {
            if (p.scan().tok() == Token.RPAREN) {
                return new Expr.Call(lowered, List.of());
            }
            p.unscan();
            args.add(parseExpr());
        }
        while (true) {
            if (p.scanIgnoreWhitespace().tok() != Token.COMMA) {
                p.unscan();
                break;
            }
            re = parseRegex();
            if (re != null) {
                args.add(re);
                continue;
            }
            args.add(parseExpr());
        }
        Lexeme l = p.scan();
        if (l.tok() != Token.RPAREN) {
            throw ParseException.expected(l.tok(), l.lit(), List.of(")"), l.pos());
        }
        return new Expr.Call(lowered, args);
    }

    /** Go's strings.ToLower: simple case mapping, rune by rune. */
    static String lower(String s) {
        if (s.chars().allMatch(c -> c < 0x80)) {
            return s.toLowerCase(Locale.ROOT);
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.toLowerCase(c)));
        return b.toString();
    }
}
