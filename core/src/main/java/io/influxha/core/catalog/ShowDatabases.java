package io.influxha.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Reads the database names out of an InfluxDB 1.x {@code SHOW DATABASES} answer (its first column). */
public final class ShowDatabases {
    private ShowDatabases() {}

    /** Adds every name of {@code answer} ({@code {"results":[{"series":[{"values":[["db"],...]}]}]}}) to {@code into}. */
    public static Set<String> addNames(JsonNode answer, Set<String> into) {
        for (JsonNode result : answer.path("results")) {
            for (JsonNode series : result.path("series")) {
                series.path("values").forEach(row -> into.add(row.path(0).asText()));
            }
        }
        return into;
    }
}
