package io.influxha.gateway.query;

import io.influxha.gateway.influxql.InfluxQl;
import java.util.List;
import java.util.Map;

/** Statements as the gateway parses and analyses them, for tests that start from text. */
final class Analyzed {
    private Analyzed() {}

    /** The one statement of {@code query}. */
    static Statement one(String query) {
        List<Statement> all = all(query);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one statement in " + query + ", got " + all.size());
        }
        return all.get(0);
    }

    static List<Statement> all(String query) {
        return StatementAnalyzer.analyze(InfluxQl.parse(query, Map.of()));
    }
}
