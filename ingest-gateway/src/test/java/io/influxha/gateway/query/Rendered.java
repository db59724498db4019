package io.influxha.gateway.query;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Answers written by the gateway's result writers, as the client would read them. */
final class Rendered {
    static final ResultWriter.Format JSON = new ResultWriter.Format(false, false, false, ResultWriter.DEFAULT_CHUNK_SIZE);
    static final ResultWriter.Format CHUNKED = new ResultWriter.Format(true, false, false, ResultWriter.DEFAULT_CHUNK_SIZE);
    static final ResultWriter.Format CSV = new ResultWriter.Format(false, false, true, ResultWriter.DEFAULT_CHUNK_SIZE);

    private Rendered() {}

    /**
     * Statement 0 streamed in {@code format}. When it breaks off, the error chunk the format writes,
     * or {@code <cut: why>} where the gateway would cut the response.
     */
    static String streamed(StreamedRead read, ResultWriter.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = ResultWriter.of(format, out);
        String brokeOff = read.writeTo(writer, 0);
        if (brokeOff != null && !writer.fail(0, brokeOff)) {
            writer.finish();
            return out.toString(StandardCharsets.UTF_8) + "<cut: " + brokeOff + ">";
        }
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A merged result as statement 0 in {@code format}. */
    static String merged(MergedResult result, ResultWriter.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = ResultWriter.of(format, out);
        result.writeTo(writer, 0);
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
