package io.influxha.core.lp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Functions of a series key as written ({@code measurement[,tag=value...]}, escaped). */
public final class SeriesKeys {
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private SeriesKeys() {}

    /**
     * A stable hash of the series: the same for every tag order of the same series, the same in
     * every JVM and release (it decides partitions, so it must never change).
     *
     * <p>Definition (frozen): {@code m} = 32-bit FNV-1a of the measurement bytes as written;
     * for each tag pair {@code t} = murmur3 fmix32 of the FNV-1a of its bytes {@code key=value}
     * as written; {@code hash = fmix32(m + 0x9E3779B9 * sum(t))} with wrapping int arithmetic. The
     * sum makes it independent of tag order; bytes are taken as written because a 1.8 server also
     * keys a parsed point's series by its escaped text.
     */
    public static int hash(byte[] buf, int start, int seriesEnd) {
        int i = start;
        int h = FNV_OFFSET;
        // measurement: until an unescaped comma (same escape rule as the parser)
        while (i < seriesEnd && !(buf[i] == ',' && i > start && buf[i - 1] != '\\')) {
            h = (h ^ (buf[i] & 0xFF)) * FNV_PRIME;
            i++;
        }
        int sum = 0;
        while (i < seriesEnd) {
            i++; // the comma before a tag pair
            int t = FNV_OFFSET;
            while (i < seriesEnd && !(buf[i] == ',' && buf[i - 1] != '\\')) {
                t = (t ^ (buf[i] & 0xFF)) * FNV_PRIME;
                i++;
            }
            sum += fmix32(t);
        }
        return fmix32(h + 0x9E3779B9 * sum);
    }

    /** The measurement name with its escapes ({@code \,} {@code \ } {@code \=} {@code \"}) removed. */
    public static String measurement(byte[] buf, int start, int measurementEnd) {
        int backslash = -1;
        for (int k = start; k < measurementEnd; k++) {
            if (buf[k] == '\\') {
                backslash = k;
                break;
            }
        }
        if (backslash < 0) {
            return new String(buf, start, measurementEnd - start, StandardCharsets.UTF_8);
        }
        return unescape(buf, start, measurementEnd);
    }

    /**
     * Removes the escapes InfluxDB's {@code pkg/escape.Unescape} removes: a backslash before a
     * comma, space, equals sign or double quote. Any other backslash stays.
     */
    static String unescape(byte[] buf, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int k = start; k < end; k++) {
            byte c = buf[k];
            if (c == '\\' && k + 1 < end) {
                byte n = buf[k + 1];
                if (n == ',' || n == ' ' || n == '=' || n == '"') {
                    out.write(n);
                    k++;
                    continue;
                }
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
