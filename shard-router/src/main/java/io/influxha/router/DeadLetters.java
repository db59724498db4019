package io.influxha.router;

import io.influxha.core.RecordHeaders;
import io.influxha.core.lp.LineProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds dead-letter records: the rejected lines as received, newline-terminated, with
 * headers saying why ({@code reason}: the parser's {@code unable to parse ...} messages, one per
 * line) and from where ({@code source_topic}, {@code source_partition}, {@code source_offset}).
 * The input's {@code db}/{@code rp} headers are kept.
 */
final class DeadLetters {
    private static final String PREFIX = "unable to parse '";

    private DeadLetters() {}

    /** Longest {@code reason} header: a record of garbage must not make its dead letter too big to produce. */
    static final int MAX_REASON_CHARS = 16 * 1024;

    /** The parser's messages, one per line, cut at {@link #MAX_REASON_CHARS} with a count of the rest. */
    static String reason(List<LineProtocolException> errors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < errors.size(); i++) {
            String message = errors.get(i).getMessage();
            if (sb.length() + message.length() > MAX_REASON_CHARS && i > 0) {
                sb.append("\n... and ").append(errors.size() - i).append(" more lines that failed to parse");
                break;
            }
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(message, 0, Math.min(message.length(), MAX_REASON_CHARS));
        }
        return sb.toString();
    }

    /**
     * The rejected lines, each newline-terminated, as the parser quoted them in its messages
     * ({@code unable to parse '<line>': <reason>}, LineProtocolException's contract): the whole
     * point even when a quoted string field spans several physical lines.
     */
    static byte[] badLines(List<LineProtocolException> errors) {
        StringBuilder sb = new StringBuilder();
        for (LineProtocolException e : errors) {
            sb.append(lineText(e)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String lineText(LineProtocolException e) {
        String message = e.getMessage();
        String suffix = "': " + e.reason();
        if (message.startsWith(PREFIX) && message.endsWith(suffix) && message.length() >= PREFIX.length() + suffix.length()) {
            return message.substring(PREFIX.length(), message.length() - suffix.length());
        }
        return message;
    }

    /** Headers of a dead letter: a copy of the input's, plus reason and source position. */
    static Headers headers(Headers input, String reason, RecordMetadata source) {
        Headers h = new org.apache.kafka.common.header.internals.RecordHeaders(input.toArray());
        RecordHeaders.put(h, RecordHeaders.DLQ_REASON, reason);
        RecordHeaders.put(h, RecordHeaders.DLQ_SOURCE_TOPIC, source.topic());
        RecordHeaders.put(h, RecordHeaders.DLQ_SOURCE_PARTITION, Integer.toString(source.partition()));
        RecordHeaders.put(h, RecordHeaders.DLQ_SOURCE_OFFSET, Long.toString(source.offset()));
        return h;
    }
}
