package io.influxha.router;

import io.influxha.core.RecordHeaders;
import io.influxha.core.lp.LineProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds dead-letter records: the rejected lines exactly as received, newline-terminated, with
 * headers saying why ({@code reason}: the parser's {@code unable to parse ...} messages, one per
 * line) and from where ({@code source_topic}, {@code source_partition}, {@code source_offset}).
 * The input's {@code db}/{@code rp} headers are kept.
 */
final class DeadLetters {
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

    /** The lines of {@code body} whose 1-based numbers the errors name, in body order. */
    static byte[] badLines(byte[] body, List<LineProtocolException> errors) {
        BitSet wanted = new BitSet();
        for (LineProtocolException e : errors) {
            if (e.line() > 0) {
                wanted.set(e.line());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= body.length && line < wanted.length(); i++) {
            if (i == body.length || body[i] == '\n') {
                if (wanted.get(line)) {
                    out.write(body, start, i - start);
                    out.write('\n');
                }
                line++;
                start = i + 1;
            }
        }
        return out.toByteArray();
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
