package io.influxha.launcher.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads an InfluxDB 1.x {@code /query} answer with Jackson: the value column of every row. */
final class QueryAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryAnswer() {}

    /**
     * The second column ({@code count}, {@code max}, ...) of every row of every series of every
     * result, in order; rows whose value is not a whole number are skipped. An answer with no
     * series (an empty or missing database) has none.
     *
     * @throws IllegalStateException when the answer is not JSON
     */
    static List<Long> values(String json) {
        JsonNode answer;
        try {
            answer = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not an InfluxDB JSON answer: " + e.getOriginalMessage() + ": " + abbreviate(json), e);
        }
        List<Long> values = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            for (JsonNode series : result.path("series")) {
                for (JsonNode row : series.path("values")) {
                    if (row.path(1).canConvertToLong() && row.path(1).isIntegralNumber()) {
                        values.add(row.path(1).asLong());
                    }
                }
            }
        }
        return values;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
