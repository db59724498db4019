package io.influxha.gateway.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One backend's {@code /query} answer to one statement, read one series piece at a time with a
 * streaming parser: what it holds is the current piece's head and one row, never the answer. It
 * reads both shapes InfluxDB writes: one {@code {"results":[...]}} object, and with
 * {@code chunked=true} one such object per piece, a piece being a series, or the next rows of one
 * (same name and tags, {@code "partial":true} on the piece before), of at most {@code chunk_size}
 * rows. A series' fields are expected in the order InfluxDB's encoder writes them (name, tags and
 * columns before values, partial after), which is what lets rows be passed on as they are read.
 * Not thread-safe.
 */
final class BackendAnswer implements AutoCloseable {
    /** Receives a piece's rows, one tree per row. */
    interface RowSink {
        void row(JsonNode row) throws IOException;
    }

    /** Nesting depths of what is read: root object, a result in "results", a series in "series". */
    private static final int ROOT = 1;
    private static final int RESULT = 3;
    private static final int SERIES = 5;

    private final String backend;
    private final InputStream body;
    private final JsonParser parser;
    private final List<JsonNode> messages = new ArrayList<>();
    private String name;
    private JsonNode tags;
    private JsonNode columns;
    private boolean partial;
    /** The current piece's rows are not read yet; the parser stands on its values array. */
    private boolean rowsPending;
    /** The current piece's fields after its values are not read yet. */
    private boolean tailPending;
    private String error;

    BackendAnswer(String backend, InputStream body) throws IOException {
        this.backend = backend;
        this.body = body;
        this.parser = QueryRouter.JSON.createParser(body);
    }

    String backend() {
        return backend;
    }

    /** The statement error for an answer that broke off or is not InfluxDB's JSON. */
    static String unreadable(String backend, IOException e) {
        String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return "influx-ha: backend " + backend + " sent an unreadable answer: " + why;
    }

    /**
     * Moves to the next series piece, skipping what is left of the current one; results without
     * series on the way leave their messages and error here.
     *
     * @return false at the end of the answer
     * @throws IOException when the backend's answer breaks off or is not InfluxDB's JSON
     */
    boolean next() throws IOException {
        rows(null);
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
            int depth = parser.getParsingContext().getNestingDepth();
            if (t == JsonToken.START_OBJECT && depth == SERIES) {
                readHead();
                return true;
            } else if (t == JsonToken.FIELD_NAME) {
                field(depth);
            }
        }
        return false;
    }

    /** Root and result fields: descends into "results" and "series", keeps errors and messages, skips the rest. */
    private void field(int depth) throws IOException {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        boolean container = value == JsonToken.START_ARRAY;
        if (container && ((depth == ROOT && field.equals("results")) || (depth == RESULT && field.equals("series")))) {
            return;
        }
        if ((depth == ROOT || depth == RESULT) && field.equals("error") && value != JsonToken.VALUE_NULL) {
            error = error != null ? error : parser.getValueAsString(parser.getText());
        } else if (depth == RESULT && field.equals("messages") && container) {
            JsonNode list = parser.readValueAsTree();
            list.forEach(messages::add);
        } else {
            parser.skipChildren();
        }
    }

    /** Reads a series' fields up to its values (or its end when it has none). */
    private void readHead() throws IOException {
        name = "";
        tags = null;
        columns = null;
        partial = false;
        tailPending = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("values") && value == JsonToken.START_ARRAY) {
                rowsPending = true;
                return;
            }
            headField(field, value);
        }
        tailPending = false;
    }

    private void headField(String field, JsonToken value) throws IOException {
        switch (field) {
            case "name" -> name = parser.getValueAsString("");
            case "tags" -> tags = value == JsonToken.START_OBJECT ? parser.readValueAsTree() : skip();
            case "columns" -> columns = value == JsonToken.START_ARRAY ? parser.readValueAsTree() : skip();
            case "partial" -> partial = parser.getValueAsBoolean();
            default -> skip();
        }
    }

    private JsonNode skip() throws IOException {
        parser.skipChildren();
        return null;
    }

    /**
     * Reads the current piece's rows into {@code sink} (or skips them when it is null), then the
     * rest of the piece, after which {@link #partial()} is known.
     */
    void rows(RowSink sink) throws IOException {
        if (rowsPending) {
            rowsPending = false;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t == null) {
                    throw new IOException("the answer ends inside a series' values");
                }
                if (sink == null) {
                    parser.skipChildren();
                } else {
                    sink.row(parser.readValueAsTree());
                }
            }
        }
        if (tailPending) {
            tailPending = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                headField(field, parser.nextToken());
            }
        }
    }

    /** The current piece's measurement, "" when it has none (EXPLAIN). */
    String name() {
        return name;
    }

    /** The current piece's tags, null when it has none. */
    JsonNode tags() {
        return tags;
    }

    JsonNode columns() {
        return columns;
    }

    /** After {@link #rows}: the series goes on in the next piece. */
    boolean partial() {
        return partial;
    }

    /** What identifies the current piece's series: measurement and tags. */
    String seriesKey() {
        return name + '\u0000' + (tags == null ? "" : tags.toString());
    }

    /** The statement's (or the query's) error the backend answered, null when none so far. */
    String error() {
        return error;
    }

    /** Messages read so far (warnings, deprecations), each once. */
    List<JsonNode> messages() {
        return messages;
    }

    @Override
    public void close() {
        try {
            parser.close();
            body.close(); // before the end: the connection is dropped, the backend stops sending
        } catch (IOException e) {
            // nothing to keep from a response being given up
        }
    }
}
