package io.influxha.gateway;

/** A query InfluxQL cannot parse; answered 400 {@code error parsing query: <message>} before anything runs. */
final class InfluxQlSyntaxException extends RuntimeException {
    InfluxQlSyntaxException(String message) {
        super(message);
    }

    /** InfluxQL's position wording for {@code offset} in {@code query}: {@code at line L, char C} (1-based). */
    static String at(String query, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < query.length(); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "at line " + line + ", char " + (offset - lineStart + 1);
    }
}
