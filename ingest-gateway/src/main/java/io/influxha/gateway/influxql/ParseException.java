package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.SourceReader.Pos;
import java.util.List;

/**
 * A query influxql would not parse, with influxql's own message: {@code found X, expected Y at
 * line L, char C}, a message with its position, or a bare message where influxql gives none
 * (influxd answers 400 {@code error parsing query: <message>}).
 */
public final class ParseException extends RuntimeException {
    private ParseException(String message) {
        super(message, null, false, false);
    }

    /** influxql's ParseError with Found and Expected. */
    static ParseException expected(String found, List<String> expected, Pos pos) {
        return new ParseException("found " + found + ", expected " + String.join(", ", expected) + " " + at(pos));
    }

    static ParseException expected(Token tok, String lit, List<String> expected, Pos pos) {
        return expected(Token.tokstr(tok, lit), expected, pos);
    }

    /** influxql's ParseError with a Message. */
    static ParseException at(String message, Pos pos) {
        return new ParseException(message + " " + at(pos));
    }

    /** A plain error (errors.New / fmt.Errorf in influxql): no position. */
    static ParseException plain(String message) {
        return new ParseException(message);
    }

    private static String at(Pos pos) {
        return "at line " + (pos.line() + 1) + ", char " + (pos.column() + 1);
    }
}
