package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.testkit.influxql.QueryGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's InfluxQL front end against influxql 1.1.0 itself (influxql-ref, the parser Debian's
 * influxd 1.6.7 is built with): for every case, the same status, the same error text, and per
 * statement the same type, String() (the whole AST), default database, measurements and
 * required privileges. Deviations allowed, each documented in docs/query-routing.md:
 * <ul>
 *   <li>malformed {@code params} JSON: same 400 and prefix, the JSON parser's own wording after it;</li>
 *   <li>bound values that cannot be written into the forwarded text (a regex holding a newline or
 *       ending in a backslash): influxd accepts them, the gateway refuses them.</li>
 * </ul>
 * {@code -Dinfluxql.seed=N -Dinfluxql.cases=M} replays or widens the generated part.
 */
class InfluxQlDifferentialIT {
    private static final long SEED = Long.getLong("influxql.seed", 20261206L);
    private static final int GENERATED = Integer.getInteger("influxql.cases", 20_000);
    private static final String PARAMS_SYNTAX = "error parsing query parameters: ";
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
    void every_corpus_case_parses_as_influxql_parses_it() throws IOException {
        List<String> differences = new ArrayList<>();
        for (InfluxQlCorpus.Case c : InfluxQlCorpus.load()) {
            compare(c.name(), c.q(), c.params(), differences);
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void every_generated_case_parses_as_influxql_parses_it() throws IOException {
        QueryGenerator generator = new QueryGenerator(SEED);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            QueryGenerator.Case c = generator.next();
            compare("seed " + SEED + " case " + i, c.q(), c.params(), differences);
        }
        assertThat(differences).isEmpty();
    }

    /** The oracle itself: influxd's handler order (trim, params, parse), and the shape of a statement's answer. */
    @Test
    void the_reference_answers_in_the_handlers_order_and_names_type_measurements_and_privileges() throws IOException {
        assertThat(reference.answer(" \n\t", "{bad")).isEqualTo("{\"status\":400,\"error\":\"missing required parameter \\\"q\\\"\"}");
        assertThat(JSON.readTree(reference.answer("SELECT", "{bad")).get("error").asText()).startsWith(PARAMS_SYNTAX);
        JsonNode s = JSON.readTree(reference.answer("SELECT * INTO db2.rp.:MEASUREMENT FROM db1../cpu.*/", null)).get("statements").get(0);
        assertThat(s.get("type").asText()).isEqualTo("SelectStatement");
        assertThat(s.get("measurements").toString()).isEqualTo("[{\"db\":\"db2\",\"rp\":\"rp\",\"name\":\"\",\"regex\":\"\",\"target\":true},"
                + "{\"db\":\"db1\",\"rp\":\"\",\"name\":\"\",\"regex\":\"cpu.*\",\"target\":false}]");
        assertThat(s.get("privileges").toString()).isEqualTo("[{\"admin\":false,\"name\":\"db1\",\"privilege\":\"READ\"},"
                + "{\"admin\":false,\"name\":\"db2\",\"privilege\":\"WRITE\"}]");
    }

    private static void compare(String name, String q, String params, List<String> differences) throws IOException {
        JsonNode expected = JSON.readTree(reference.answer(q, params));
        JsonNode actual;
        try {
            actual = JavaAnswer.of(q, params);
        } catch (InfluxQl.UnboundException e) {
            if (expected.path("status").asInt() != 200) {
                differences.add(describe(name, q, params, expected, e.getMessage()));
            }
            return; // documented: the gateway refuses what it cannot forward as text
        }
        if (expected.equals(actual) || sameParamsSyntaxError(expected, actual)) {
            return;
        }
        differences.add(describe(name, q, params, expected, actual.toString()));
    }

    private static boolean sameParamsSyntaxError(JsonNode expected, JsonNode actual) {
        String e = expected.path("error").asText();
        String a = actual.path("error").asText();
        return expected.path("status").asInt() == 400 && actual.path("status").asInt() == 400
                && e.startsWith(PARAMS_SYNTAX) && a.startsWith(PARAMS_SYNTAX)
                && !e.contains("cannot unmarshal") && !e.endsWith("EOF");
    }

    private static String describe(String name, String q, String params, JsonNode expected, String actual) throws IOException {
        return name + "\n  q=" + JSON.writeValueAsString(q) + " params=" + params + "\n  influxql: " + expected + "\n  gateway:  " + actual;
    }
}
