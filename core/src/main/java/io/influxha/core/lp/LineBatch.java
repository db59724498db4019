package io.influxha.core.lp;

import java.util.Arrays;

/**
 * The record codec of influx-ha: a record value is UTF-8 line protocol with nanosecond
 * timestamps, one point per newline-terminated line ({@code <measurement,tags fields> <ns>\n}),
 * readable by any Kafka console consumer and writable to InfluxDB as it is. A string field may
 * hold a raw newline; InfluxDB's line splitter respects quotes, and so does ours.
 * Growable and reusable ({@link #reset()}); not thread-safe.
 */
public final class LineBatch {
    private static final int MAX_LONG_DIGITS = 20;
    private byte[] bytes;
    private int size;
    private int points;

    public LineBatch() {
        this(4096);
    }

    public LineBatch(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    /** Appends {@code buf[start, fieldsEnd)} (a point as the parser saw it), a space, the time and a newline. */
    public void append(byte[] buf, int start, int fieldsEnd, long timestampNanos) {
        int length = fieldsEnd - start;
        ensure(length + 2 + MAX_LONG_DIGITS);
        System.arraycopy(buf, start, bytes, size, length);
        size += length;
        bytes[size++] = ' ';
        size = writeLong(timestampNanos, bytes, size);
        bytes[size++] = '\n';
        points++;
    }

    /** Appends one whole line as it is, its newline included: {@code buf[start, endExclusive)}. */
    public void appendLine(byte[] buf, int start, int endExclusive) {
        int length = endExclusive - start;
        ensure(length);
        System.arraycopy(buf, start, bytes, size, length);
        size += length;
        points++;
    }

    /** Number of points appended since creation or the last reset. */
    public int points() {
        return points;
    }

    public int sizeBytes() {
        return size;
    }

    /** The backing array; valid bytes are {@code [0, sizeBytes())}, until the next append or reset. */
    public byte[] buffer() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    public void reset() {
        size = 0;
        points = 0;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    /** Writes the decimal digits of {@code v} at {@code pos}; returns the new position. */
    static int writeLong(long v, byte[] out, int pos) {
        if (v == Long.MIN_VALUE) {
            byte[] min = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, out, pos, min.length);
            return pos + min.length;
        }
        if (v < 0) {
            out[pos++] = '-';
            v = -v;
        }
        int digits = digitCount(v);
        int p = pos + digits;
        while (v >= 100) { // two digits per division
            int r = (int) (v % 100);
            v /= 100;
            out[--p] = (byte) ('0' + r % 10);
            out[--p] = (byte) ('0' + r / 10);
        }
        if (v >= 10) {
            out[--p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out[--p] = (byte) ('0' + v);
        return pos + digits;
    }

    private static int digitCount(long v) {
        long limit = 10;
        for (int d = 1; d < 19; d++) {
            if (v < limit) {
                return d;
            }
            limit *= 10;
        }
        return 19;
    }
}
