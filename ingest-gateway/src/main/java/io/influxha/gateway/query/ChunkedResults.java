package io.influxha.gateway.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code chunked=true}: one {@code {"results":[...]}} object and a newline per chunk, each flushed
 * when written, as InfluxDB 1.8 answers (services/httpd/handler.go). A result held whole is one
 * chunk; a streamed statement has a chunk per series piece, carrying InfluxDB's flags:
 * {@code "partial":true} on a series continued in the next chunk, and on a result followed by more
 * chunks of the same statement. An error after some chunks is a chunk of its own.
 */
final class ChunkedResults extends ResultWriter {
    private final ObjectWriter writer;
    private final OutputStream out;
    private JsonGenerator json;
    private int statementId;
    private boolean whole;
    private boolean wrote;
    private boolean chunkOpen;
    private boolean valuesOpen;

    ChunkedResults(ObjectWriter writer, OutputStream out) {
        this.writer = writer;
        this.out = out;
    }

    @Override
    void begin(int statementId, boolean whole) {
        this.statementId = statementId;
        this.whole = whole;
        this.wrote = false;
    }

    /** Opens a chunk up to its result's "series" array (or up to its statement_id). */
    private void open(boolean series) throws IOException {
        json = writer.createGenerator(out);
        json.writeStartObject();
        json.writeArrayFieldStart("results");
        json.writeStartObject();
        json.writeNumberField("statement_id", statementId);
        if (series) {
            json.writeArrayFieldStart("series");
        }
        chunkOpen = true;
    }

    /** Ends the open chunk's result (its series array already closed) and sends the chunk. */
    private void close(List<JsonNode> messages, boolean partial, String error) throws IOException {
        JsonResults.writeTail(json, messages, partial, error);
        json.writeEndArray();
        json.writeEndObject();
        json.close();
        out.write('\n');
        out.flush();
        chunkOpen = false;
        wrote = true;
    }

    @Override
    void series(String name, JsonNode tags, JsonNode columns) {
        io(() -> {
            if (!chunkOpen) {
                open(true);
            }
            JsonResults.writeHead(json, name, tags, columns);
        });
    }

    @Override
    void row(JsonNode row) {
        io(() -> valuesOpen = JsonResults.writeRow(json, valuesOpen, row));
    }

    @Override
    void seriesEnd(boolean continues, boolean more) {
        io(() -> endSeries(!whole && continues));
        if (!whole) {
            io(() -> {
                json.writeEndArray();
                close(List.of(), more, null);
            });
        }
    }

    private void endSeries(boolean partial) throws IOException {
        if (valuesOpen) {
            valuesOpen = false;
            json.writeEndArray();
        }
        if (partial) {
            json.writeBooleanField("partial", true);
        }
        json.writeEndObject();
    }

    @Override
    void end(List<JsonNode> messages, String error) {
        io(() -> {
            if (chunkOpen) {
                json.writeEndArray();
                close(messages, false, error);
            } else if (!wrote || !messages.isEmpty() || error != null) {
                open(false);
                close(messages, false, error);
            }
        });
    }

    @Override
    public boolean fail(int statementId, String error) {
        io(() -> {
            if (chunkOpen) { // cut inside a piece: it ends here, and more (the error) follows
                endSeries(true);
                json.writeEndArray();
                close(List.of(), true, null);
            }
            this.statementId = statementId;
            open(false);
            close(List.of(), false, error);
        });
        return true;
    }

    @Override
    public void finish() {
        io(out::flush);
    }
}
