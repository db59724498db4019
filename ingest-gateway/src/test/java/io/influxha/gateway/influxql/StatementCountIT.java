package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.testkit.RawHttp;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.influxql.QueryGenerator;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front end against the real influxd (Debian's 1.6.7) on reads: for each SELECT/SHOW query of
 * the corpus and of a generated set, influxd refuses the query with the gateway's own error text,
 * or runs it; when every statement ran without error, it answers exactly as many results
 * ({@code statement_id} 0..n-1) as the gateway found statements. (After a statement fails at run
 * time influxd folds the rest into one "not executed" result: those answers count nothing.) Only
 * queries the gateway reads as SELECT, EXPLAIN or SHOW are sent, so influxd's state never changes.
 * Malformed params JSON is compared by status and prefix only (docs/query-routing.md).
 */
class StatementCountIT {
    private static final long SEED = Long.getLong("influxql.seed", 1206L);
    private static final int GENERATED = 1_500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARAMS = "error parsing query parameters: ";
    private static final int[] counted = {0};

    @TempDir
    static Path dir;
    private static InfluxdProcess influxd;

    @BeforeAll
    static void start() {
        influxd = InfluxdProcess.start(dir.resolve("influxd"));
        influxd.createDatabase("db");
        influxd.write("db", "cpu,host=a v=1 1\nmem,host=b v=2 2\n");
    }

    @AfterAll
    static void stop() {
        if (influxd != null) {
            influxd.close();
        }
    }

    @Test
    void influxd_runs_as_many_statements_as_the_gateway_reads_in_every_read_query() throws Exception {
        List<String> differences = new ArrayList<>();
        int sent = 0;
        for (InfluxQlCorpus.Case c : InfluxQlCorpus.load()) {
            sent += compare(c.name(), c.q(), c.params(), differences) ? 1 : 0;
        }
        QueryGenerator generator = new QueryGenerator(SEED);
        for (int i = 0; i < GENERATED; i++) {
            QueryGenerator.Case c = generator.next();
            sent += compare("seed " + SEED + " case " + i, c.q(), c.params(), differences) ? 1 : 0;
        }
        System.out.printf("StatementCountIT: %d read queries sent to influxd, %d ran every statement and were counted%n", sent, counted[0]);
        assertThat(differences).isEmpty();
        assertThat(sent).as("read queries sent to influxd").isGreaterThan(500);
        assertThat(counted[0]).as("queries whose every statement ran, counted").isGreaterThan(100);
    }

    /** @return whether the case was a read query and went to influxd */
    private static boolean compare(String name, String q, String params, List<String> differences) throws Exception {
        int statements;
        String error = null;
        try {
            List<ParsedStatement> parsed = InfluxQl.parseRequest(q, params);
            if (!parsed.stream().allMatch(p -> isRead(p.statement()))) {
                return false;
            }
            statements = parsed.size();
        } catch (InfluxQl.RequestException e) {
            statements = -1;
            error = e.getMessage();
        } catch (InfluxQl.UnboundException e) {
            return false;
        }
        RawHttp.Response r = query(q, params);
        JsonNode body = JSON.readTree(r.body());
        if (r.status() == 400) {
            String influxd = body.path("error").asText();
            boolean paramsSyntax = error != null && influxd.startsWith(PARAMS) && error.startsWith(PARAMS) && !influxd.contains("cannot unmarshal");
            if (!influxd.equals(error) && !paramsSyntax) {
                differences.add(name + ": influxd " + r.body().strip() + " / gateway " + (error == null ? statements + " statements" : error));
            }
        } else if (error != null || (ranClean(body) && !numbered(body, statements))) {
            differences.add(name + ": influxd " + r.status() + " with " + body.path("results").size() + " results / gateway "
                    + (error == null ? statements + " statements" : error) + "\n  q=" + JSON.writeValueAsString(q) + "\n  " + r.body());
        }
        if (r.status() == 200 && ranClean(body)) {
            counted[0]++;
        }
        return true;
    }

    private static boolean ranClean(JsonNode body) {
        for (JsonNode result : body.path("results")) {
            if (result.has("error")) {
                return false;
            }
        }
        return true;
    }

    /** Results numbered 0..n-1, one per statement. */
    private static boolean numbered(JsonNode body, int statements) {
        JsonNode results = body.path("results");
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).path("statement_id").asInt(-1) != i) {
                return false;
            }
        }
        return results.size() == statements;
    }

    private static boolean isRead(Statement s) {
        boolean into = JavaAnswer.measurements(s).stream().anyMatch(Source.Measurement::isTarget);
        return !into && (s instanceof SelectStatement || s instanceof Statement.ExplainStatement
                || s.getClass().getSimpleName().startsWith("Show"));
    }

    /** influxd puts the error text, control characters included, in X-Influxdb-Error: Java's HttpClient refuses that. */
    private static RawHttp.Response query(String q, String params) throws IOException {
        StringBuilder form = new StringBuilder("db=db&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        if (params != null) {
            form.append("&params=").append(URLEncoder.encode(params, StandardCharsets.UTF_8));
        }
        return RawHttp.postForm(influxd.port(), "/query", form.toString());
    }
}
