package io.influxha.gateway.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One {@code {"results":[...]}} document, written progressively with a generator straight onto the
 * response: the rows of a series that arrive in several pieces stay in one series object, as in
 * InfluxDB's non-chunked answer. A series is written without {@code "partial"}: it is whole here.
 */
final class JsonResults extends ResultWriter {
    private final OutputStream out;
    private JsonGenerator json;
    private boolean started;
    private boolean seriesOpen;
    private boolean valuesOpen;
    private boolean continuing;

    JsonResults(ObjectWriter writer, OutputStream out) {
        this.out = out;
        io(() -> json = writer.createGenerator(out));
    }

    @Override
    void begin(int statementId, boolean whole) {
        io(() -> {
            start();
            json.writeStartObject();
            json.writeNumberField("statement_id", statementId);
            seriesOpen = false;
        });
    }

    private void start() throws IOException {
        if (!started) {
            started = true;
            json.writeStartObject();
            json.writeArrayFieldStart("results");
        }
    }

    @Override
    void series(String name, JsonNode tags, JsonNode columns) {
        if (continuing) {
            continuing = false;
            return;
        }
        io(() -> {
            if (!seriesOpen) {
                seriesOpen = true;
                json.writeArrayFieldStart("series");
            }
            writeHead(json, name, tags, columns);
        });
    }

    /** A series object's fields before its values. */
    /** Writes one row of a series, opening its {@code values} first when {@code valuesOpen} is false; returns true. */
    static boolean writeRow(JsonGenerator json, boolean valuesOpen, JsonNode row) throws IOException {
        if (!valuesOpen) {
            json.writeArrayFieldStart("values");
        }
        json.writeTree(row);
        return true;
    }

    static void writeHead(JsonGenerator json, String name, JsonNode tags, JsonNode columns) throws IOException {
        json.writeStartObject();
        if (!name.isEmpty()) {
            json.writeStringField("name", name);
        }
        if (present(tags)) {
            json.writeFieldName("tags");
            json.writeTree(tags);
        }
        if (present(columns)) {
            json.writeFieldName("columns");
            json.writeTree(columns);
        }
    }

    @Override
    void row(JsonNode row) {
        io(() -> valuesOpen = JsonResults.writeRow(json, valuesOpen, row));
    }

    @Override
    void seriesEnd(boolean continues, boolean more) {
        continuing = continues;
        if (!continues) {
            io(() -> {
                if (valuesOpen) {
                    valuesOpen = false;
                    json.writeEndArray();
                }
                json.writeEndObject();
            });
        }
    }

    @Override
    void end(List<JsonNode> messages, String error) {
        io(() -> {
            if (seriesOpen) {
                json.writeEndArray();
            }
            writeTail(json, messages, false, error);
        });
    }

    /** A result's fields after its series, in Go's order, and its end. */
    static void writeTail(JsonGenerator json, List<JsonNode> messages, boolean partial, String error) throws IOException {
        if (!messages.isEmpty()) {
            json.writeFieldName("messages");
            json.writeTree(OUT.createArrayNode().addAll(messages));
        }
        if (partial) {
            json.writeBooleanField("partial", true);
        }
        if (error != null) {
            json.writeStringField("error", error);
        }
        json.writeEndObject();
    }

    @Override
    public boolean fail(int statementId, String error) {
        return false;
    }

    @Override
    public void finish() {
        io(() -> {
            start();
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            out.write('\n');
            out.flush();
        });
    }
}
