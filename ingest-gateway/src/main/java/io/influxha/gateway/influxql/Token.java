package io.influxha.gateway.influxql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * InfluxQL's lexical tokens, as influxql 1.1.0's token.go lists them: the names are what its
 * error messages print ({@code found FROM, expected ...}), keywords are matched case-insensitively.
 */
public enum Token {
    ILLEGAL("ILLEGAL"), EOF("EOF"), WS("WS"), COMMENT(""),

    IDENT("IDENT"), BOUNDPARAM(""), NUMBER("NUMBER"), INTEGER(""), DURATIONVAL("DURATIONVAL"), STRING("STRING"),
    BADSTRING("BADSTRING"), BADESCAPE("BADESCAPE"), TRUE("TRUE"), FALSE("FALSE"), REGEX("REGEX"), BADREGEX(""),

    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), BITWISE_AND("&"), BITWISE_OR("|"), BITWISE_XOR("^"),
    AND("AND"), OR("OR"),
    EQ("="), NEQ("!="), EQREGEX("=~"), NEQREGEX("!~"), LT("<"), LTE("<="), GT(">"), GTE(">="),

    LPAREN("("), RPAREN(")"), COMMA(","), COLON(":"), DOUBLECOLON("::"), SEMICOLON(";"), DOT("."),

    ALL("ALL"), ALTER("ALTER"), ANALYZE("ANALYZE"), ANY("ANY"), AS("AS"), ASC("ASC"), BEGIN("BEGIN"), BY("BY"),
    CARDINALITY("CARDINALITY"), CREATE("CREATE"), CONTINUOUS("CONTINUOUS"), DATABASE("DATABASE"),
    DATABASES("DATABASES"), DEFAULT("DEFAULT"), DELETE("DELETE"), DESC("DESC"), DESTINATIONS("DESTINATIONS"),
    DIAGNOSTICS("DIAGNOSTICS"), DISTINCT("DISTINCT"), DROP("DROP"), DURATION("DURATION"), END("END"),
    EVERY("EVERY"), EXACT("EXACT"), EXPLAIN("EXPLAIN"), FIELD("FIELD"), FOR("FOR"), FROM("FROM"), GRANT("GRANT"),
    GRANTS("GRANTS"), GROUP("GROUP"), GROUPS("GROUPS"), IN("IN"), INF("INF"), INSERT("INSERT"), INTO("INTO"),
    KEY("KEY"), KEYS("KEYS"), KILL("KILL"), LIMIT("LIMIT"), MEASUREMENT("MEASUREMENT"), MEASUREMENTS("MEASUREMENTS"),
    NAME("NAME"), OFFSET("OFFSET"), ON("ON"), ORDER("ORDER"), PASSWORD("PASSWORD"), POLICY("POLICY"),
    POLICIES("POLICIES"), PRIVILEGES("PRIVILEGES"), QUERIES("QUERIES"), QUERY("QUERY"), READ("READ"),
    REPLICATION("REPLICATION"), RESAMPLE("RESAMPLE"), RETENTION("RETENTION"), REVOKE("REVOKE"), SELECT("SELECT"),
    SERIES("SERIES"), SET("SET"), SHOW("SHOW"), SHARD("SHARD"), SHARDS("SHARDS"), SLIMIT("SLIMIT"),
    SOFFSET("SOFFSET"), STATS("STATS"), SUBSCRIPTION("SUBSCRIPTION"), SUBSCRIPTIONS("SUBSCRIPTIONS"), TAG("TAG"),
    TO("TO"), USER("USER"), USERS("USERS"), VALUES("VALUES"), WHERE("WHERE"), WITH("WITH"), WRITE("WRITE");

    private static final Map<String, Token> KEYWORDS = new HashMap<>();

    static {
        for (Token t : values()) {
            if (t.ordinal() >= ALL.ordinal()) {
                KEYWORDS.put(t.text.toLowerCase(Locale.ROOT), t);
            }
        }
        KEYWORDS.put("and", AND);
        KEYWORDS.put("or", OR);
        KEYWORDS.put("true", TRUE);
        KEYWORDS.put("false", FALSE);
    }

    /** What influxql's Token.String() prints; empty for the tokens its table leaves out. */
    private final String text;

    Token(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** The keyword (or AND, OR, true, false) spelled {@code ident} in any case, else IDENT. */
    static Token lookup(String ident) {
        return KEYWORDS.getOrDefault(ident.toLowerCase(Locale.ROOT), IDENT);
    }

    boolean isOperator() {
        return ordinal() >= ADD.ordinal() && ordinal() <= GTE.ordinal();
    }

    boolean isRegexOp() {
        return this == EQREGEX || this == NEQREGEX;
    }

    /** Binary operator precedence, 0 for non-operators. */
    int precedence() {
        return switch (this) {
            case OR -> 1;
            case AND -> 2;
            case EQ, NEQ, EQREGEX, NEQREGEX, LT, LTE, GT, GTE -> 3;
            case ADD, SUB, BITWISE_OR, BITWISE_XOR -> 4;
            case MUL, DIV, MOD, BITWISE_AND -> 5;
            default -> 0;
        };
    }

    /** influxql's tokstr: the literal when there is one, else the token's name. */
    static String tokstr(Token tok, String lit) {
        return lit != null && !lit.isEmpty() ? lit : tok.text;
    }
}
