package io.influxha.writer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/** Reads influxd's answer to {@code SHOW QUERIES}: columns {@code qid, query, database, duration}. */
final class RunningQueries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningQueries() {}

    /**
     * A running query of the same kind as {@code statement} (its first two words, as influxd
     * re-prints it: {@code DELETE FROM}, {@code DROP SERIES}, ...) on database {@code db} or on
     * none, as "qid N: text"; null when none is listed.
     *
     * @throws IllegalArgumentException when the answer is not SHOW QUERIES' JSON
     */
    static String sameKind(String showQueriesJson, String db, String statement) {
        JsonNode root;
        try {
            root = JSON.readTree(showQueriesJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("SHOW QUERIES answer is not JSON: " + e.getMessage(), e);
        }
        String kind = kind(statement);
        for (JsonNode result : root.path("results")) {
            for (JsonNode series : result.path("series")) {
                int query = -1;
                int database = -1;
                int qid = -1;
                JsonNode columns = series.path("columns");
                for (int i = 0; i < columns.size(); i++) {
                    switch (columns.get(i).asText()) {
                        case "query" -> query = i;
                        case "database" -> database = i;
                        case "qid" -> qid = i;
                        default -> { }
                    }
                }
                if (query < 0) {
                    continue;
                }
                for (JsonNode row : series.path("values")) {
                    String text = row.path(query).asText("");
                    String on = database < 0 ? "" : row.path(database).asText("");
                    if (kind(text).equals(kind) && (on.isEmpty() || on.equals(db))) {
                        return "qid " + (qid < 0 ? "?" : row.path(qid).asText()) + ": " + text;
                    }
                }
            }
        }
        return null;
    }

    /** The first two words, upper case, with InfluxQL comments and blanks before them skipped. */
    static String kind(String statement) {
        String s = statement.strip();
        while (s.startsWith("--") || s.startsWith("/*")) {
            int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
            if (end < 0) {
                return "";
            }
            s = s.substring(end + (s.startsWith("--") ? 1 : 2)).strip();
        }
        String[] words = s.split("\\s+", 3);
        return words.length < 2 ? s.toUpperCase(Locale.ROOT) : (words[0] + " " + words[1]).toUpperCase(Locale.ROOT);
    }
}
