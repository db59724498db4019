package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.testkit.influxql.QueryGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The property forwarding rests on: for every query the gateway accepts, the statements' texts
 * joined as the gateway joins them read back as exactly the same statements, so a backend runs
 * what the gateway analysed and nothing else. Over the hand-written corpus and generated queries
 * ({@code -Dinfluxql.seed=N} replays a seed).
 */
class ForwardedTextTest {
    private static final long SEED = Long.getLong("influxql.seed", 7L);
    private static final int GENERATED = 5_000;

    @Test
    void every_accepted_corpus_query_reads_back_as_the_same_statements() {
        List<String> broken = new ArrayList<>();
        for (InfluxQlCorpus.Case c : InfluxQlCorpus.load()) {
            check(c.name(), c.q(), c.params(), broken);
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void every_accepted_generated_query_reads_back_as_the_same_statements() {
        QueryGenerator generator = new QueryGenerator(SEED);
        List<String> broken = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < GENERATED; i++) {
            QueryGenerator.Case c = generator.next();
            accepted += check("seed " + SEED + " case " + i, c.q(), c.params(), broken) ? 1 : 0;
        }
        assertThat(broken).isEmpty();
        assertThat(accepted).as("generated queries the parser accepts").isGreaterThan(GENERATED / 3);
    }

    private static boolean check(String name, String q, String params, List<String> broken) {
        List<ParsedStatement> parsed;
        try {
            parsed = InfluxQl.parseRequest(q, params);
        } catch (InfluxQl.RequestException | InfluxQl.UnboundException e) {
            return false;
        }
        String joined = String.join(";\n", parsed.stream().map(ParsedStatement::text).toList());
        List<Statement> again;
        try {
            again = InfluxQl.parse(joined, Map.of()).stream().map(ParsedStatement::statement).toList();
        } catch (ParseException e) {
            broken.add(name + ": " + joined + " -> " + e.getMessage());
            return true;
        }
        if (!again.equals(parsed.stream().map(ParsedStatement::statement).toList())) {
            broken.add(name + ": " + joined + " reads back differently");
        }
        return true;
    }
}
