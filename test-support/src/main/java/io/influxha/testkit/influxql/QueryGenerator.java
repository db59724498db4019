package io.influxha.testkit.influxql;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded InfluxQL queries for the differential test against influxql 1.1.0 and the fuzz suite: about 60% valid
 * statements of every kind (several per query now and then, with every separator and comment
 * style between tokens), 40% mutations of such queries; about one in five binds parameters, a few
 * with a broken {@code params} text. The same seed yields the same cases; the clock is never read.
 * Every q is under 2 KiB of UTF-8.
 */
public final class QueryGenerator {
    /** One /query request: {@code q} as sent and the raw {@code params} parameter, or null when absent. */
    public record Case(String q, String params) {}

    static final int MAX_BYTES = 2047;

    private final SplittableRandom random;
    private final Lexemes lx;
    private final BoundParams params;
    private final StatementGrammar grammar;
    private final QueryMutator mutator;

    public QueryGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        this.lx = new Lexemes(random);
        this.params = new BoundParams(random);
        this.grammar = new StatementGrammar(lx, new SelectGrammar(lx, params));
        this.mutator = new QueryMutator(random);
    }

    public Case next() {
        while (true) {
            Case c = attempt();
            if (c.q().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
                return c;
            }
        }
    }

    private Case attempt() {
        params.reset(lx.chance(20));
        QueryText t = new QueryText();
        if (lx.chance(4)) {
            t.word(";");
        }
        int statements = lx.chance(80) ? 1 : 2 + lx.below(3);
        for (int i = 0; i < statements; i++) {
            if (i > 0 && lx.chance(97)) {
                t.word(";");
                if (lx.chance(10)) {
                    t.word(";");
                }
            }
            grammar.statement(t);
        }
        if (lx.chance(8)) {
            t.word(";");
        }
        List<String> pieces = t.render(random);
        String q = lx.chance(60) ? String.join("", pieces) : mutator.mutate(pieces);
        if (lx.chance(4)) {
            q = q + t.trailingComment(random);
        }
        return new Case(q, paramsText(t));
    }

    private String paramsText(QueryText t) {
        if (!t.bindings().isEmpty()) {
            return params.text(t.bindings(), lx.chance(12));
        } else if (lx.chance(4)) {
            return params.text(t.bindings(), lx.chance(60));
        }
        return null;
    }
}
