package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 1.8's csvFormatter (services/httpd/response_writer.go): a header {@code name,tags,<columns>} per
 * statement and again when the columns change, a blank line before every header but the first,
 * rows as name, tags (the series key form) and values; a statement error is an {@code error}
 * section. CSV has no way to say an answer broke off: {@link #fail} leaves that to a cut.
 */
final class CsvResults extends ResultWriter {
    private final Writer out;
    private boolean first = true;
    private JsonNode previousColumns;
    private String name;
    private String tags;

    CsvResults(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
    }

    @Override
    void begin(int statementId, boolean whole) {
        previousColumns = null;
    }

    @Override
    void series(String name, JsonNode tags, JsonNode columns) {
        JsonNode cols = columns == null ? MissingNode.getInstance() : columns;
        if (!cols.equals(previousColumns)) {
            List<String> header = new ArrayList<>(List.of("name", "tags"));
            cols.forEach(c -> header.add(c.asText()));
            io(() -> out.write(first ? "" : "\n"));
            line(header);
            previousColumns = cols;
            first = false;
        }
        this.name = name;
        this.tags = tags(tags == null ? MissingNode.getInstance() : tags);
    }

    @Override
    void row(JsonNode row) {
        List<String> cells = new ArrayList<>(List.of(name, tags));
        row.forEach(v -> cells.add(v.isNull() ? "" : v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText()));
        line(cells);
    }

    @Override
    void seriesEnd(boolean continues, boolean more) {}

    @Override
    void end(List<JsonNode> messages, String error) {
        if (error != null) {
            io(() -> out.write((first ? "" : "\n") + "error\n" + cell(error) + "\n"));
            first = false;
        }
    }

    @Override
    public boolean fail(int statementId, String error) {
        return false;
    }

    @Override
    public void finish() {
        io(out::flush);
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

    private void line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        sb.append('\n');
        io(() -> out.write(sb.toString()));
    }

    /** Go's encoding/csv quoting: quote when the field holds a comma, quote, CR/LF or starts with a space. */
    private static String cell(String s) {
        if (s.isEmpty() || !(s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith(" "))) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
