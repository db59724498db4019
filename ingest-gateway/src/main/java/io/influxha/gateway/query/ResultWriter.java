package io.influxha.gateway.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the answer of statements the gateway answers itself (merged, streamed, DDL, refused) as
 * it goes, in the shape InfluxDB 1.8's response writers use: {@code {"results":[...]}} plus a
 * newline; with {@code chunked=true} one such object per statement result, or per series piece of a
 * streamed statement (services/httpd/handler.go); Go's four-space indent with {@code pretty=true};
 * CSV (response_writer.go csvFormatter) when the client accepts {@code text/csv} or
 * {@code application/csv}. A statement is written as events: {@link #begin}, then per series piece
 * {@link #series}, {@link #row}s and {@link #seriesEnd}, then {@link #end}. Failures to write to the
 * client are thrown as {@link java.io.UncheckedIOException}. Not thread-safe.
 */
public abstract class ResultWriter {
    /** What writing a tree does not flush: flushing is the writer's decision (per chunk, or at the end). */
    static final ObjectMapper OUT = QueryRouter.JSON.copy().disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    static final ObjectWriter PRETTY = OUT.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator("")))
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    static final ObjectWriter COMPACT = OUT.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** InfluxDB's DefaultChunkSize: rows per piece when the client names none. */
    public static final int DEFAULT_CHUNK_SIZE = 10_000;

    /**
     * How the client asked for the answer.
     *
     * @param chunkSize rows per piece asked of backends: the client's {@code chunk_size} when
     *     positive (as InfluxDB reads it), at most {@link #DEFAULT_CHUNK_SIZE}
     */
    public record Format(boolean chunked, boolean pretty, boolean csv, int chunkSize) {
        /** From the {@code Accept} header and the {@code chunked}, {@code chunk_size}, {@code pretty} parameters (null when absent). */
        public static Format of(String accept, String chunked, String chunkSize, String pretty) {
            int size = DEFAULT_CHUNK_SIZE;
            try {
                long asked = Long.parseLong(chunkSize == null ? "" : chunkSize);
                size = asked > 0 ? (int) Math.min(asked, DEFAULT_CHUNK_SIZE) : size;
            } catch (NumberFormatException e) {
                // InfluxDB ignores a chunk_size it cannot read
            }
            return new Format("true".equals(chunked), "true".equals(pretty), wantsCsv(accept), size);
        }

        public String contentType() {
            return csv ? "text/csv" : "application/json";
        }
    }

    public static boolean wantsCsv(String accept) {
        return accept != null && (accept.contains("text/csv") || accept.contains("application/csv"));
    }

    /** A writer of {@code format} onto {@code out}, which it flushes but never closes. */
    public static ResultWriter of(Format format, OutputStream out) {
        if (format.csv()) {
            return new CsvResults(out);
        }
        ObjectWriter json = format.pretty() ? PRETTY : COMPACT;
        return format.chunked() ? new ChunkedResults(json, out) : new JsonResults(json, out);
    }

    /** A statement result held whole, e.g. {@code {"statement_id":0,"error":"..."}}: one chunk when chunked. */
    public final void result(ObjectNode result) {
        begin(result.path("statement_id").asInt(), true);
        for (JsonNode s : result.path("series")) {
            series(s.path("name").asText(""), s.get("tags"), s.get("columns"));
            s.path("values").forEach(this::row);
            seriesEnd(false, false);
        }
        List<JsonNode> messages = new ArrayList<>();
        result.path("messages").forEach(messages::add);
        end(messages, result.hasNonNull("error") ? result.get("error").asText() : null);
    }

    /**
     * A statement's result starts.
     *
     * @param whole true when its series are written as one result (one chunk), false when each piece is
     *     a chunk of its own (a streamed read)
     */
    abstract void begin(int statementId, boolean whole);

    /** A series, or the next piece of the series just written when {@link #seriesEnd} said it continues. */
    abstract void series(String name, JsonNode tags, JsonNode columns);

    abstract void row(JsonNode row);

    /**
     * @param continues the next piece is the same series
     * @param more the statement has more pieces (or an error) after this one
     */
    abstract void seriesEnd(boolean continues, boolean more);

    /** The statement's result ends, with its messages and error (null when none). */
    abstract void end(List<JsonNode> messages, String error);

    /**
     * A streamed statement failed after part of it was written: ends what is open and says so in the
     * answer when the format can, as InfluxDB does in a chunked answer.
     *
     * @return false when the format cannot (one document, CSV): the caller must cut the response
     */
    public abstract boolean fail(int statementId, String error);

    /** Ends the answer and flushes it. */
    public abstract void finish();

    /** Writing to the client. */
    interface Io {
        void run() throws IOException;
    }

    /** Runs {@code write}; a failure to write to the client is thrown unchecked. */
    static void io(Io write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the answer failed", e);
        }
    }

    /** Go's omitempty: a series' name, tags and columns are left out when empty. */
    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isEmpty();
    }
}
