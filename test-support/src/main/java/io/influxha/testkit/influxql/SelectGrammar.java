package io.influxha.testkit.influxql;

import io.influxha.testkit.influxql.QueryText.Join;
import java.util.function.Supplier;

/**
 * SELECT statements, their clauses and expressions, as influxql 1.1.0's parser.go accepts them:
 * regexes wherever parseRegex is consulted (field, call argument, source, dimension, right side of
 * {@code =~}/{@code !~}), INTO with {@code :MEASUREMENT}, subqueries, fill(), tz(), ORDER BY time,
 * the four limits, and bound parameters in literal, identifier, regex and LIMIT positions.
 */
final class SelectGrammar {
    static final int MAX_SUBQUERY_DEPTH = 3;
    private static final int MAX_EXPR_DEPTH = 3;
    private static final String[] CALLS = {"mean", "count", "sum", "max", "min", "first", "last", "median", "mode",
        "spread", "stddev", "percentile", "derivative", "non_negative_derivative", "difference", "moving_average",
        "top", "bottom", "distinct", "elapsed", "cumulative_sum", "integral", "holt_winters", "abs", "now"};
    private static final String[] ARITHMETIC = {"+", "-", "*", "/", "%", "&", "|", "^"};
    private static final String[] COMPARISON = {"=", "!=", "<>", "<", "<=", ">", ">="};
    private static final String[] CASTS = {"float", "integer", "unsigned", "string", "boolean", "field", "tag"};
    private static final String[] FILLS = {"null", "none", "previous", "linear", "0", "-1", "3.5"};
    private static final String[] ZONES = {"UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"};

    private final Lexemes lx;
    private final BoundParams params;

    SelectGrammar(Lexemes lx, BoundParams params) {
        this.lx = lx;
        this.params = params;
    }

    /** SELECT ... ; {@code into} true requires INTO (continuous queries), false allows it. */
    void select(QueryText t, int depth, boolean into) {
        t.word(lx.keyword("SELECT"));
        fields(t);
        if (into || (depth == 0 && lx.chance(10))) {
            target(t);
        }
        t.word(lx.keyword("FROM"));
        sources(t, depth, true);
        if (lx.chance(60)) {
            t.word(lx.keyword("WHERE"));
            condition(t, 0);
        }
        if (into || lx.chance(40)) {
            t.word(lx.keyword("GROUP")).word(lx.keyword("BY"));
            dimensions(t, into);
        }
        if (lx.chance(15)) {
            t.word("fill").tight("(").spaced(lx.pick(FILLS)).word(")");
        }
        if (lx.chance(15)) {
            t.word(lx.keyword("ORDER")).word(lx.keyword("BY"));
            int form = lx.below(3);
            if (form == 0) {
                t.word("time");
            }
            if (form != 0 || lx.chance(50)) {
                t.word(lx.keyword(lx.chance(50) ? "ASC" : "DESC"));
            }
        }
        for (String limit : new String[] {"LIMIT", "OFFSET", "SLIMIT", "SOFFSET"}) {
            if (lx.chance(12)) {
                t.word(lx.keyword(limit));
                limitValue(t);
            }
        }
        if (lx.chance(8)) {
            t.word("tz").tight("(").spaced("'" + lx.pick(ZONES) + "'").word(")");
        }
    }

    void limitValue(QueryText t) {
        int n = lx.below(lx.chance(90) ? 100 : 100000);
        boundOr(t, Join.ANY, () -> params.integer(n), () -> Integer.toString(n));
    }

    private void fields(QueryText t) {
        int n = 1 + lx.below(lx.chance(70) ? 1 : 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.word(",");
            }
            int roll = lx.below(100);
            if (roll < 20) {
                t.spaced("*");
                if (lx.chance(15)) {
                    t.tight("::").tight(lx.keyword(lx.chance(50) ? "field" : "tag"));
                }
                continue;
            } else if (roll < 28) {
                t.spaced(lx.regex());
                continue;
            }
            arithmetic(t, 0, Join.SPACE);
            if (lx.chance(20)) {
                t.word(lx.keyword("AS")).word(lx.identifier()).spaceNext();
            }
        }
    }

    private void target(QueryText t) {
        t.word(lx.keyword("INTO"));
        switch (lx.below(5)) {
            case 0 -> segments(t, 1, Join.ANY);
            case 1 -> segments(t, 2, Join.ANY);
            case 2 -> segments(t, 3, Join.ANY);
            case 3 -> t.word(lx.identifier()).tight(".").tight(lx.identifier()).tight(".").tight(":").tight(lx.keyword("MEASUREMENT"));
            default -> t.word(lx.identifier()).tight(".").tight(".").tight(":").tight(lx.keyword("MEASUREMENT"));
        }
    }

    /** {@code n} dot-joined identifiers, the first joined as {@code join}; a bound identifier now and then. */
    void segments(QueryText t, int n, Join join) {
        for (int i = 0; i < n; i++) {
            Join j = i == 0 ? join : Join.TIGHT;
            if (i > 0) {
                t.tight(".");
            }
            boundOr(t, j, () -> params.identifier(lx), lx::identifier);
        }
    }

    /** A comma-separated source list; subqueries only where the statement allows them. */
    void sources(QueryText t, int depth, boolean subqueries) {
        int n = 1 + lx.below(lx.chance(75) ? 1 : 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.word(",");
            }
            source(t, depth, subqueries);
        }
    }

    /** Sources without database or retention policy, as DELETE and DROP SERIES require. */
    void unqualifiedSources(QueryText t) {
        int n = 1 + lx.below(lx.chance(75) ? 1 : 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.word(",");
            }
            if (lx.chance(70)) {
                segments(t, 1, Join.SPACE);
                t.spaceNext();
            } else {
                regexOperand(t, Join.SPACE);
            }
        }
    }

    void source(QueryText t, int depth, boolean subqueries) {
        int roll = lx.below(100);
        if (subqueries && depth < MAX_SUBQUERY_DEPTH && roll < 10) {
            t.spaced("(");
            select(t, depth + 1, false);
            t.word(")");
        } else if (roll < 45) {
            segments(t, 1, Join.SPACE);
            t.spaceNext();
        } else if (roll < 55) {
            segments(t, 2, Join.SPACE);
            t.spaceNext();
        } else if (roll < 63) {
            segments(t, 3, Join.SPACE);
        } else if (roll < 68) {
            segments(t, 1, Join.SPACE);
            t.tight(".").tight(".").tight(lx.identifier());
        } else if (roll < 80) {
            regexOperand(t, Join.SPACE);
        } else if (roll < 87) {
            segments(t, 1, Join.SPACE);
            t.tight(".").tight(lx.regex());
        } else if (roll < 94) {
            segments(t, 2, Join.SPACE);
            t.tight(".").tight(lx.regex());
        } else {
            segments(t, 1, Join.SPACE);
            t.tight(".").tight(".").tight(lx.regex());
        }
    }

    /** A regex literal or a parameter bound to {"regex": ...}. */
    void regexOperand(QueryText t, Join join) {
        boundOr(t, join, () -> params.regex(lx), lx::regex);
    }

    /** GROUP BY dimensions; after a regex, parseDimensions takes the comma from Scan, so it is glued on. */
    private void dimensions(QueryText t, boolean needTime) {
        int n = 1 + lx.below(3);
        boolean afterRegex = false;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.add(",", afterRegex ? Join.TIGHT : Join.ANY);
            }
            afterRegex = false;
            int roll = needTime && i == 0 ? 0 : lx.below(100);
            if (roll < 35) {
                t.spaced("time").tight("(");
                durationOperand(t, Join.SPACE);
                if (lx.chance(30)) {
                    t.word(",");
                    if (lx.chance(20)) {
                        t.spaced("-");
                        durationOperand(t, Join.ANY);
                    } else {
                        durationOperand(t, Join.SPACE);
                    }
                }
                t.word(")");
            } else if (roll < 50) {
                t.spaced("*");
            } else if (roll < 65) {
                t.spaced(lx.regex());
                afterRegex = true;
            } else {
                segments(t, 1, Join.SPACE);
            }
        }
    }

    void durationOperand(QueryText t, Join join) {
        boundOr(t, join, () -> params.duration(lx), lx::duration);
    }

    /** A WHERE condition: comparisons joined by AND/OR, regex matches, parentheses. */
    void condition(QueryText t, int depth) {
        int n = 1 + lx.below(depth == 0 ? 3 : 2);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.word(lx.keyword(lx.chance(50) ? "AND" : "OR"));
            }
            int roll = lx.below(100);
            if (roll < 12 && depth < MAX_EXPR_DEPTH) {
                t.word("(");
                condition(t, depth + 1);
                t.word(")");
            } else if (roll < 30) {
                segments(t, 1, Join.ANY);
                t.word(lx.chance(70) ? "=~" : "!~");
                regexOperand(t, Join.SPACE);
            } else if (roll < 42) {
                t.word("time").word(lx.pick(new String[] {">", ">=", "<", "<="}));
                if (lx.chance(50)) {
                    t.word("now").tight("(").spaced(")").word(lx.chance(70) ? "-" : "+");
                    durationOperand(t, Join.ANY);
                } else {
                    t.word("'2024-0" + (1 + lx.below(9)) + "-1" + lx.below(10) + "T00:00:00Z'");
                }
            } else {
                arithmetic(t, depth + 1, Join.ANY);
                t.word(lx.pick(COMPARISON));
                arithmetic(t, depth + 1, Join.ANY);
            }
        }
    }

    /** An arithmetic expression (no comparison: a SELECT field may not hold one). */
    void arithmetic(QueryText t, int depth, Join join) {
        operand(t, depth, join);
        int n = depth >= MAX_EXPR_DEPTH ? 0 : lx.below(lx.chance(70) ? 1 : 3);
        for (int i = 0; i < n; i++) {
            t.word(lx.pick(ARITHMETIC));
            operand(t, depth + 1, Join.ANY);
        }
    }

    private void operand(QueryText t, int depth, Join join) {
        int roll = lx.below(100);
        if (roll < 30) {
            segments(t, 1 + (lx.chance(90) ? 0 : 1 + lx.below(2)), join);
            if (lx.chance(10)) {
                t.tight("::").tight(lx.keyword(lx.pick(CASTS)));
            }
        } else if (roll < 50 && depth < MAX_EXPR_DEPTH) {
            call(t, depth, join);
        } else if (roll < 58 && depth < MAX_EXPR_DEPTH) {
            t.add("(", join);
            arithmetic(t, depth + 1, Join.ANY);
            t.word(")");
        } else if (roll < 63) {
            t.add(lx.chance(50) ? "-" : "+", join);
            t.word(lx.chance(50) ? lx.integer() : lx.identifier());
        } else {
            literal(t, join);
        }
    }

    private void literal(QueryText t, Join join) {
        switch (lx.below(6)) {
            case 0 -> boundOr(t, join, () -> params.string(lx), lx::string);
            case 1 -> boundOr(t, join, () -> params.number(lx), lx::number);
            case 2 -> boundOr(t, join, () -> params.bool(), () -> lx.keyword(lx.chance(50) ? "true" : "false"));
            case 3 -> durationOperand(t, join);
            default -> boundOr(t, join, () -> params.integer(lx.below(1000)), lx::integer);
        }
    }

    /** A parameter bound to {@code json} when one is wanted here, else the literal {@code text}. */
    private void boundOr(QueryText t, Join join, Supplier<String> json, Supplier<String> text) {
        if (params.wanted()) {
            params.bind(t, json.get(), join);
        } else {
            t.add(text.get(), join);
        }
    }

    private void call(QueryText t, int depth, Join join) {
        String name = lx.chance(90) ? lx.pick(CALLS) : lx.bareOrQuoted("f" + lx.below(10));
        t.add(lx.chance(20) ? lx.keyword(name) : name, join);
        t.tight("(");
        int n = name.equals("now") ? 0 : lx.below(100) < 70 ? 1 : lx.below(4);
        if (n == 0) {
            t.spaced(")"); // parseCall looks for a regex first: a comment here would start one
            return;
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t.word(",");
            }
            int roll = lx.below(100);
            if (i == 0 && roll < 12) {
                t.spaced(lx.regex());
            } else if (i == 0 && roll < 20) {
                t.spaced("*");
            } else if (i == 0 && roll < 25) {
                t.spaced(lx.keyword("DISTINCT")).word(lx.identifier());
            } else if (i > 0 && roll < 50) {
                t.add(lx.chance(50) ? lx.integer() : lx.duration(), Join.SPACE);
            } else {
                arithmetic(t, depth + 1, Join.SPACE);
            }
        }
        t.word(")");
    }
}
