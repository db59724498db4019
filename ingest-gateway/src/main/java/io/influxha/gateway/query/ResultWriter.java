package io.influxha.gateway.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders statement results the gateway assembled itself (merged or DDL) in the shape InfluxDB
 * 1.8's response writers use: {@code {"results":[...]}} plus a newline; one such object per
 * statement when {@code chunked=true}; Go's four-space indent when {@code pretty=true}; CSV
 * (services/httpd/response_writer.go csvFormatter) when the client accepts {@code text/csv} or
 * {@code application/csv}.
 */
public final class ResultWriter {
    private static final ObjectWriter PRETTY = QueryRouter.JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator("")));
    private static final ObjectWriter COMPACT = QueryRouter.JSON.writer();

    private ResultWriter() {}

    public static boolean wantsCsv(String accept) {
        return accept != null && (accept.contains("text/csv") || accept.contains("application/csv"));
    }

    /** @param results one object per statement, each starting with its {@code statement_id} */
    public static String render(List<ObjectNode> results, boolean chunked, boolean pretty, boolean csv) {
        if (csv) {
            return csv(results);
        }
        ObjectWriter w = pretty ? PRETTY : COMPACT;
        StringBuilder out = new StringBuilder();
        if (chunked) {
            for (ObjectNode r : results) {
                out.append(json(w, List.of(r))).append('\n');
            }
            return out.toString();
        }
        return json(w, results) + "\n";
    }

    private static String json(ObjectWriter w, List<ObjectNode> results) {
        ObjectNode top = QueryRouter.JSON.createObjectNode();
        top.putArray("results").addAll(results);
        try {
            return w.writeValueAsString(top);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a result tree", e);
        }
    }

    /** One header per statement (and again when the columns change), rows as name, tags, values. */
    private static String csv(List<ObjectNode> results) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (ObjectNode r : results) {
            if (r.hasNonNull("error")) {
                out.append(first ? "" : "\n").append("error\n").append(cell(r.get("error").asText())).append('\n');
                first = false;
                continue;
            }
            JsonNode previousColumns = null;
            for (JsonNode s : r.path("series")) {
                if (!s.path("columns").equals(previousColumns)) {
                    out.append(first ? "" : "\n");
                    List<String> header = new ArrayList<>(List.of("name", "tags"));
                    s.path("columns").forEach(c -> header.add(c.asText()));
                    line(out, header);
                    previousColumns = s.path("columns");
                    first = false;
                }
                String tags = tags(s.path("tags"));
                for (JsonNode row : s.path("values")) {
                    List<String> cells = new ArrayList<>(List.of(s.path("name").asText(), tags));
                    row.forEach(v -> cells.add(v.isNull() ? "" : v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText()));
                    line(out, cells);
                }
            }
        }
        return out.toString();
    }

    /** InfluxDB's series key form: k=v pairs sorted by key, {@code , = space} escaped. */
    private static String tags(JsonNode tags) {
        Map<String, String> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            sorted.put(e.getKey(), e.getValue().asText());
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(escape(k)).append('=').append(escape(v)));
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        out.append('\n');
    }

    /** Go's encoding/csv quoting: quote when the field holds a comma, quote, CR/LF or starts with a space. */
    private static String cell(String s) {
        if (s.isEmpty() || !(s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith(" "))) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
