package io.influxha.gateway.influxql;

import java.util.List;

/**
 * InfluxQL expressions, as influxql's ast.go defines them. Records compare by value, which the
 * gateway uses to check that a query it rewrote (bound parameters written out) still means the
 * same thing. {@link ExprPrinter} renders them as influxql's String() does.
 */
public sealed interface Expr {
    record BinaryExpr(Token op, Expr lhs, Expr rhs) implements Expr {}

    record BooleanLiteral(boolean val) implements Expr {}

    /** @param name lower-cased, as the parser stores it */
    record Call(String name, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    record Distinct(String val) implements Expr {}

    /** @param nanos Go's time.Duration */
    record DurationLiteral(long nanos) implements Expr {}

    record IntegerLiteral(long val) implements Expr {}

    /** An integer literal above Long.MAX_VALUE; {@code val} holds the unsigned 64-bit value. */
    record UnsignedLiteral(long val) implements Expr {}

    record NumberLiteral(double val) implements Expr {}

    record ParenExpr(Expr expr) implements Expr {}

    /** @param pattern the regex source, already checked with RE2 syntax */
    record RegexLiteral(String pattern) implements Expr {}

    /** Tag keys of {@code WITH KEY IN (...)}. */
    record ListLiteral(List<String> vals) implements Expr {
        public ListLiteral {
            vals = List.copyOf(vals);
        }
    }

    record StringLiteral(String val) implements Expr {}

    record VarRef(String val, DataType type) implements Expr {}

    /** @param type FIELD or TAG for {@code *::field} / {@code *::tag}, else ILLEGAL (influxql's zero token) */
    record Wildcard(Token type) implements Expr {}

    /** The type cast of a variable reference ({@code field::integer}), with influxql's names. */
    enum DataType {
        UNKNOWN("unknown"), FLOAT("float"), INTEGER("integer"), STRING("string"), BOOLEAN("boolean"), TIME("time"),
        DURATION("duration"), TAG("tag"), ANY_FIELD("field"), UNSIGNED("unsigned");

        private final String name;

        DataType(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
