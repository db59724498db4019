package io.influxha.gateway.influxql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written InfluxQL cases in {@code src/test/resources/influxql/corpus.jsonl}: one JSON
 * object per line, {@code {"name": prose, "q": q as sent, "params": raw params or null}}.
 */
final class InfluxQlCorpus {
    static final String RESOURCE = "/influxql/corpus.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One case; {@code params} is null when the request has no params parameter. */
    record Case(String name, String q, String params) {
        @Override
        public String toString() {
            return name;
        }
    }

    private InfluxQlCorpus() {}

    /** Every case in file order; fails on the first line that is not a well-formed case, naming it. */
    static List<Case> load() {
        try (InputStream in = InfluxQlCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Case> cases = new ArrayList<>();
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                cases.add(parse(line, lineNumber));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Case parse(String line, int lineNumber) throws IOException {
        JsonNode node = JSON.readTree(line);
        String where = RESOURCE + ":" + lineNumber;
        if (node == null || !node.isObject() || node.size() != 3) {
            throw new IllegalStateException(where + ": expected an object with exactly name, q and params");
        }
        JsonNode name = node.get("name");
        JsonNode q = node.get("q");
        JsonNode params = node.get("params");
        if (name == null || !name.isTextual() || name.asText().isBlank() || q == null || !q.isTextual()
                || params == null || !(params.isNull() || params.isTextual())) {
            throw new IllegalStateException(where + ": name and q must be strings, params a string or null");
        }
        return new Case(name.asText(), q.asText(), params.isNull() ? null : params.asText());
    }
}
