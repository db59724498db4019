package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.testkit.influxql.QueryGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryGeneratorTest {
    private static final int CASES = 2_000;

    @Test
    void the_same_seed_yields_the_same_cases() {
        assertThat(generate(42, CASES)).isEqualTo(generate(42, CASES));
    }

    @Test
    void different_seeds_yield_different_cases() {
        assertThat(generate(1, 50)).isNotEqualTo(generate(2, 50));
    }

    @Test
    void queries_stay_under_two_kibibytes_of_utf8() {
        assertThat(generate(7, CASES)).allSatisfy(c ->
                assertThat(c.q().getBytes(StandardCharsets.UTF_8).length).as(c.q()).isLessThan(2048));
    }

    @Test
    void queries_are_valid_unicode_so_both_parsers_see_the_same_text() {
        assertThat(generate(11, CASES)).allSatisfy(c -> {
            assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(c.q())).as(c.q()).isTrue();
            if (c.params() != null) {
                assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(c.params())).as(c.params()).isTrue();
            }
        });
    }

    @Test
    void the_mix_has_several_statement_kinds_params_and_hostile_characters() {
        List<QueryGenerator.Case> cases = generate(3, CASES);
        Set<String> firstWords = new HashSet<>();
        cases.forEach(c -> firstWords.add(c.q().strip().split("[\\s;(]+", 2)[0].toUpperCase()));
        assertThat(firstWords).contains("SELECT", "SHOW", "CREATE", "DROP", "ALTER", "GRANT", "REVOKE", "KILL", "SET",
                "EXPLAIN", "DELETE");
        assertThat(cases).filteredOn(c -> c.params() != null).size().isGreaterThan(CASES / 10);
        assertThat(cases).filteredOn(c -> c.q().contains("\0")).isNotEmpty();
        assertThat(cases).filteredOn(c -> c.q().contains("/*")).isNotEmpty();
        assertThat(cases).filteredOn(c -> c.q().contains("\r")).isNotEmpty();
    }

    @Test
    void the_corpus_holds_at_least_250_well_formed_cases_with_distinct_names() {
        List<InfluxQlCorpus.Case> corpus = InfluxQlCorpus.load();

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(250);
        assertThat(corpus).extracting(InfluxQlCorpus.Case::name).doesNotHaveDuplicates();
        assertThat(corpus).filteredOn(c -> c.params() != null).isNotEmpty();
    }

    private static List<QueryGenerator.Case> generate(long seed, int n) {
        QueryGenerator generator = new QueryGenerator(seed);
        List<QueryGenerator.Case> cases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cases.add(generator.next());
        }
        return cases;
    }
}
