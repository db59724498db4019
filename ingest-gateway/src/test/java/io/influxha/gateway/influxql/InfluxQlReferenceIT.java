package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.testkit.influxql.QueryGenerator;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference harness itself: influxql-ref (built against influxql 1.1.0) answers every corpus
 * case and every generated case with one well-formed line, a 200 with statements or a 400 with an
 * error, and never panics. The Java parser's comparison builds on these answers.
 */
class InfluxQlReferenceIT {
    private static final long SEED = Long.getLong("influxql.seed", 0x1f1_0c0deL);
    private static final int GENERATED = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static InfluxQlReference reference;

    @BeforeAll
    static void start() {
        reference = InfluxQlReference.start();
    }

    @AfterAll
    static void stop() {
        if (reference != null) {
            reference.close();
        }
    }

    @Test
    void every_corpus_case_gets_a_200_or_a_400() throws IOException {
        for (InfluxQlCorpus.Case c : InfluxQlCorpus.load()) {
            assertWellFormed(c.name(), c.q(), c.params());
        }
    }

    @Test
    void every_generated_case_gets_a_200_or_a_400() throws IOException {
        QueryGenerator generator = new QueryGenerator(SEED);
        for (int i = 0; i < GENERATED; i++) {
            QueryGenerator.Case c = generator.next();
            assertWellFormed("seed " + SEED + " case " + i, c.q(), c.params());
        }
    }

    @Test
    void answers_follow_the_handler_order_trim_then_params_then_parse() throws IOException {
        assertThat(reference.answer(" \n\t", "{bad")).isEqualTo("{\"status\":400,\"error\":\"missing required parameter \\\"q\\\"\"}");
        assertThat(answer("SELECT", "{bad").get("error").asText()).startsWith("error parsing query parameters: ");
        assertThat(answer("SELECT * FROM $m", "{\"m\":{\"identifier\":\"cpu\"}}").get("statements").get(0).get("string").asText())
                .isEqualTo("SELECT * FROM cpu");
    }

    @Test
    void a_statement_answer_names_its_type_measurements_and_privileges() throws IOException {
        JsonNode s = answer("SELECT * INTO db2.rp.:MEASUREMENT FROM db1../cpu.*/", null).get("statements").get(0);

        assertThat(s.get("type").asText()).isEqualTo("SelectStatement");
        assertThat(s.get("measurements").toString()).isEqualTo("[{\"db\":\"db2\",\"rp\":\"rp\",\"name\":\"\",\"regex\":\"\",\"target\":true},"
                + "{\"db\":\"db1\",\"rp\":\"\",\"name\":\"\",\"regex\":\"cpu.*\",\"target\":false}]");
        assertThat(s.get("privileges").toString()).isEqualTo("[{\"admin\":false,\"name\":\"db1\",\"privilege\":\"READ\"},"
                + "{\"admin\":false,\"name\":\"db2\",\"privilege\":\"WRITE\"}]");
    }

    private JsonNode answer(String q, String params) throws IOException {
        return JSON.readTree(reference.answer(q, params));
    }

    private static void assertWellFormed(String name, String q, String params) throws IOException {
        String line = reference.answer(q, params);
        String seen = name + ": q=" + JSON.writeValueAsString(q) + " params=" + params + " -> " + line;
        JsonNode a = JSON.readTree(line);
        assertThat(a.path("status").asInt()).as(seen).isIn(200, 400);
        if (a.get("status").asInt() == 200) {
            assertThat(a.path("statements").isArray()).as(seen).isTrue();
            a.get("statements").forEach(s -> assertThat(s.path("type").asText()).as(seen).endsWith("Statement"));
        } else {
            assertThat(a.path("error").asText()).as(seen).isNotEmpty();
        }
    }
}
