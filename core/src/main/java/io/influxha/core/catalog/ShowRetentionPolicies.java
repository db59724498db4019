package io.influxha.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an InfluxDB 1.x {@code SHOW RETENTION POLICIES ON db} answer: columns {@code name},
 * {@code duration}, {@code shardGroupDuration}, {@code replicaN}, {@code default}, durations in Go's
 * {@code time.Duration} text ({@code 168h0m0s}, {@code 0s} for infinite).
 */
public final class ShowRetentionPolicies {
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private ShowRetentionPolicies() {}

    /** One policy as SHOW lists it. {@code durationNanos} 0 means infinite. */
    public record Policy(String name, long durationNanos, long shardGroupNanos, int replicaN, boolean isDefault) {}

    /**
     * The policies of the answer's first result, in the backend's order; empty when that result is
     * an error (the backend has no such database).
     *
     * @throws IllegalArgumentException when a row cannot be read
     */
    public static Optional<List<Policy>> policies(JsonNode answer) {
        JsonNode result = answer.path("results").path(0);
        if (result.isMissingNode() || result.has("error")) {
            return Optional.empty();
        }
        List<Policy> out = new ArrayList<>();
        for (JsonNode series : result.path("series")) {
            List<String> columns = new ArrayList<>();
            series.path("columns").forEach(c -> columns.add(c.asText()));
            for (JsonNode row : series.path("values")) {
                out.add(new Policy(cell(row, columns, "name").asText(), goDurationNanos(cell(row, columns, "duration").asText()),
                        goDurationNanos(cell(row, columns, "shardGroupDuration").asText()), cell(row, columns, "replicaN").asInt(1),
                        cell(row, columns, "default").asBoolean(false)));
            }
        }
        return Optional.of(out);
    }

    private static JsonNode cell(JsonNode row, List<String> columns, String column) {
        int i = columns.indexOf(column);
        if (i < 0 || row.path(i).isMissingNode() || row.path(i).isNull()) {
            throw new IllegalArgumentException("SHOW RETENTION POLICIES: no column \"" + column + "\" in " + row);
        }
        return row.path(i);
    }

    /**
     * Nanoseconds of a Go duration text such as {@code 1h30m0s} or {@code 1.5s}.
     *
     * @throws IllegalArgumentException naming the text when it is not one
     */
    static long goDurationNanos(String text) {
        if (text.equals("0")) {
            return 0;
        }
        Matcher m = GO_DURATION_PART.matcher(text);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new IllegalArgumentException("not a Go duration: \"" + text + "\"");
        }
        return total.longValue();
    }
}
