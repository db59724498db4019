package io.influxha.core.lp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a line the parser accepted (the offsets a {@link PointSink} receives) into a {@link Point}
 * with unescaped names and typed values. Input must have passed {@link LineProtocolParser}.
 * Allocates; meant for tests, tools and low-volume paths, not the gateway's hot path.
 */
public final class PointDecoder {
    private PointDecoder() {}

    public static Point decode(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long timestampNanos) {
        String measurement = SeriesKeys.measurement(buf, start, measurementEnd);
        TreeMap<String, String> tags = new TreeMap<>();
        int i = measurementEnd;
        while (i < seriesEnd) {
            int keyStart = i + 1;
            int eq = unescapedIndex(buf, keyStart, seriesEnd, (byte) '=');
            int valueEnd = unescapedIndex(buf, eq + 1, seriesEnd, (byte) ',');
            tags.put(SeriesKeys.unescape(buf, keyStart, eq), SeriesKeys.unescape(buf, eq + 1, valueEnd));
            i = valueEnd;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        i = seriesEnd;
        while (buf[i] == ' ' || buf[i] == '\t' || buf[i] == 0) {
            i++;
        }
        while (i < fieldsEnd) {
            int keyEnd = i;
            while (buf[keyEnd] != '=') {
                keyEnd += buf[keyEnd] == '\\' ? 2 : 1;
            }
            String key = SeriesKeys.unescape(buf, i, keyEnd);
            int valueEnd = valueEnd(buf, keyEnd + 1, fieldsEnd);
            fields.put(key, value(buf, keyEnd + 1, valueEnd));
            i = valueEnd + 1;
        }
        return new Point(measurement, tags, fields, timestampNanos);
    }

    /** Same escape rule as the parser's tag scanning: a byte after a backslash is escaped. */
    private static int unescapedIndex(byte[] buf, int from, int end, byte wanted) {
        for (int k = from; k < end; k++) {
            if (buf[k] == wanted && buf[k - 1] != '\\') {
                return k;
            }
        }
        return end;
    }

    private static int valueEnd(byte[] buf, int i, int fieldsEnd) {
        if (buf[i] == '"') {
            i++;
            while (buf[i] != '"') {
                i += buf[i] == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        while (i < fieldsEnd && buf[i] != ',') {
            i++;
        }
        return i;
    }

    private static Object value(byte[] buf, int start, int end) {
        byte first = buf[start];
        if (first == '"') {
            return unescapeString(buf, start + 1, end - 1);
        }
        if (first == 't' || first == 'T') {
            return Boolean.TRUE;
        }
        if (first == 'f' || first == 'F') {
            return Boolean.FALSE;
        }
        String text = new String(buf, start, end - start, StandardCharsets.US_ASCII);
        if (buf[end - 1] == 'i') {
            return Long.parseLong(text.substring(0, text.length() - 1));
        }
        return Double.parseDouble(text);
    }

    private static String unescapeString(byte[] buf, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int k = start; k < end; k++) {
            if (buf[k] == '\\' && k + 1 < end && (buf[k + 1] == '"' || buf[k + 1] == '\\')) {
                k++;
            }
            out.write(buf[k]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
