package io.influxha.launcher.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * The points of a run, as inch lays them out: point {@code g} belongs to series {@code g % series}
 * and carries timestamp {@code t0 + g / series} (in the run's precision), so every point of a run
 * is a distinct (series, time) pair and a replica's count of them equals the points written.
 * Series {@code s} is measurement {@code m<s % measurements>} with tags
 * {@code t0=s<s>,t1=v<s % 2>,t2=v<s % 3>...} and float fields {@code f0..f<n-1>}.
 * Series prefixes are built once; a body costs copies and timestamp digits only.
 */
final class LoadShape {
    private final byte[][] prefixes;
    private final byte[] fields;
    private final long t0;

    LoadShape(int series, int tags, int fields, int measurements, long t0) {
        this.prefixes = new byte[series][];
        for (int s = 0; s < series; s++) {
            StringBuilder sb = new StringBuilder("m").append(s % measurements).append(",t0=s").append(s);
            for (int t = 1; t < tags; t++) {
                sb.append(",t").append(t).append("=v").append(s % (t + 1));
            }
            prefixes[s] = sb.append(' ').toString().getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder f = new StringBuilder();
        for (int k = 0; k < fields; k++) {
            f.append(k == 0 ? "" : ",").append('f').append(k).append('=').append(k).append(".5");
        }
        this.fields = f.append(' ').toString().getBytes(StandardCharsets.US_ASCII);
        this.t0 = t0;
    }

    /** Writes points {@code [first, first + count)} into {@code out} (reset first) as line protocol. */
    void body(long first, int count, Body out) {
        out.reset();
        int series = prefixes.length;
        for (long g = first; g < first + count; g++) {
            out.writeBytes(prefixes[(int) (g % series)]);
            out.writeBytes(fields);
            out.writeDecimal(t0 + g / series);
            out.write('\n');
        }
    }

    /** A reusable request body buffer, one per sending thread. */
    static final class Body extends ByteArrayOutputStream {
        private final byte[] digits = new byte[20];
        private final ByteArrayOutputStream zipped = new ByteArrayOutputStream();

        Body(int capacity) {
            super(capacity);
        }

        void writeDecimal(long v) {
            int at = digits.length;
            do {
                digits[--at] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            write(digits, at, digits.length - at);
        }

        byte[] bytes() {
            return buf;
        }

        /** The body gzipped, in a second reusable buffer. */
        ByteArrayOutputStream gzipped() {
            zipped.reset();
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped, 1 << 16)) {
                gz.write(buf, 0, count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return zipped;
        }
    }
}
