package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * One statement's result assembled by the gateway from whole backend answers. Rows are held as
 * bytes, not trees: a row's compact JSON, or for name lists (SHOW MEASUREMENTS, SHOW SERIES: one
 * string column) the name's UTF-8 alone, so what is held stays within a few times the bytes the
 * backends sent (gateway.max_merge_size bounds those).
 *
 * @param series the series in answer order
 * @param messages the backends' messages, each once
 * @param error the statement's error, null when none
 * @param bytesRead what the backends sent for it
 */
public record MergedResult(List<Series> series, List<JsonNode> messages, String error, long bytesRead) {
    /**
     * @param names true when every row is one name (UTF-8), false when rows are compact JSON arrays
     */
    record Series(String name, JsonNode tags, JsonNode columns, List<byte[]> rows, boolean names) {
        String key() {
            return name + '\u0000' + (tags == null ? "" : tags.toString());
        }

        /** Row {@code i} as a tree. */
        JsonNode row(int i) {
            if (names) {
                return ResultWriter.OUT.createArrayNode().add(new String(rows.get(i), StandardCharsets.UTF_8));
            }
            try {
                return QueryRouter.JSON.readTree(rows.get(i));
            } catch (IOException e) {
                throw new IllegalStateException("a row the gateway encoded does not parse", e);
            }
        }

        /** Row {@code i}'s first column as text. */
        String firstColumn(int i) {
            return names ? new String(rows.get(i), StandardCharsets.UTF_8) : row(i).path(0).asText();
        }
    }

    static MergedResult error(String error, long bytesRead) {
        return new MergedResult(List.of(), List.of(), error, bytesRead);
    }

    /** Writes this result as statement {@code statementId}'s, held whole (one chunk when chunked). */
    public void writeTo(ResultWriter out, int statementId) {
        out.begin(statementId, true);
        for (Series s : series) {
            out.series(s.name(), s.tags(), s.columns());
            for (int i = 0; i < s.rows().size(); i++) {
                out.row(s.row(i));
            }
            out.seriesEnd(false, false);
        }
        out.end(messages, error);
    }

    /** Keeps only the rows whose first column passes {@code keep} (SHOW DATABASES for a non-admin). */
    public MergedResult keepRows(Predicate<String> keep) {
        for (Series s : series) {
            for (int i = s.rows().size() - 1; i >= 0; i--) {
                if (!keep.test(s.firstColumn(i))) {
                    s.rows().remove(i);
                }
            }
        }
        return this;
    }

    /** The result object in compact JSON, e.g. {@code {"series":[...]}}; for tests and logs. */
    @Override
    public String toString() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultWriter w = ResultWriter.of(new ResultWriter.Format(false, false, false, 1), bytes);
        writeTo(w, 0);
        w.finish();
        try {
            ObjectNode result = (ObjectNode) QueryRouter.JSON.readTree(bytes.toByteArray()).path("results").get(0);
            result.remove("statement_id");
            return result.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
