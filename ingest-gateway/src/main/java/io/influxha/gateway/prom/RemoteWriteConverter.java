package io.influxha.gateway.prom;

import io.influxha.core.lp.Point;
import io.influxha.core.lp.PointEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * A Prometheus remote-write body (a snappy block of a protobuf WriteRequest) to line protocol, as
 * InfluxDB 1.8's prometheus.WriteRequestToPoints converts it: measurement = {@code __name__}
 * ({@code prom_metric_not_specified} without one), every label a tag ({@code __name__} included;
 * an empty value is no tag, as in InfluxDB), one float field {@code value}, timestamp ms to ns.
 * NaN, +Inf and -Inf samples are dropped and counted, not an error (1.8 logs them and answers 204).
 * The output then takes the same parse, group and publish path as a {@code /write} body.
 */
public final class RemoteWriteConverter {
    static final String DEFAULT_MEASUREMENT = "prom_metric_not_specified";
    static final String NAME_LABEL = "__name__";
    static final String FIELD = "value";

    /** Line protocol with ns timestamps, and how many samples were dropped as NaN or ±Inf. */
    public record Converted(byte[] lines, int points, int dropped) {}

    private RemoteWriteConverter() {}

    /**
     * @param maxDecodedBytes bound on the snappy block's declared decompressed size, checked before
     *     allocating it (a small block can declare gigabytes)
     * @throws RemoteWriteException for a corrupt block, an oversized one, or an invalid WriteRequest
     */
    public static Converted convert(byte[] body, int length, long maxDecodedBytes) {
        byte[] request = uncompress(body, length, maxDecodedBytes);
        StringBuilder lines = new StringBuilder(Math.max(64, request.length * 2));
        int points = 0;
        int dropped = 0;
        for (WriteRequestDecoder.TimeSeries ts : WriteRequestDecoder.decode(request, request.length)) {
            String measurement = DEFAULT_MEASUREMENT;
            TreeMap<String, String> tags = new TreeMap<>();
            for (WriteRequestDecoder.Label l : ts.labels()) {
                if (l.name().equals(NAME_LABEL)) {
                    measurement = l.value();
                }
                if (!l.name().isEmpty() && !l.value().isEmpty()) {
                    tags.put(l.name(), l.value());
                }
            }
            for (WriteRequestDecoder.Sample s : ts.samples()) {
                if (Double.isNaN(s.value()) || Double.isInfinite(s.value())) {
                    dropped++;
                    continue;
                }
                append(lines, measurement, tags, s);
                points++;
            }
        }
        return new Converted(lines.toString().getBytes(StandardCharsets.UTF_8), points, dropped);
    }

    private static void append(StringBuilder lines, String measurement, TreeMap<String, String> tags, WriteRequestDecoder.Sample s) {
        long nanos;
        try {
            nanos = Math.multiplyExact(s.timestampMs(), 1_000_000L);
        } catch (ArithmeticException e) {
            throw new RemoteWriteException("sample of " + measurement + ": timestamp " + s.timestampMs()
                    + " ms is outside the range of a nanosecond time");
        }
        try {
            PointEncoder.appendTo(lines, new Point(measurement, tags, Map.<String, Object>of(FIELD, s.value()), nanos));
        } catch (IllegalArgumentException e) {
            throw new RemoteWriteException("invalid series: " + e.getMessage(), e);
        }
        lines.append('\n');
    }

    /**
     * The decompressed size the snappy block declares, so a caller can charge its memory budget first.
     *
     * @throws RemoteWriteException when the block header is corrupt
     */
    public static int decodedLength(byte[] body, int length) {
        try {
            return Snappy.uncompressedLength(body, 0, length);
        } catch (IOException e) {
            throw new RemoteWriteException("snappy: corrupt input", e);
        }
    }

    private static byte[] uncompress(byte[] body, int length, long maxDecodedBytes) {
        try {
            int size = decodedLength(body, length);
            if (size < 0 || size > maxDecodedBytes) {
                throw new RemoteWriteException("snappy: decoded length " + Integer.toUnsignedString(size)
                        + " exceeds the gateway's max_body_size of " + maxDecodedBytes + " bytes");
            }
            byte[] out = new byte[size];
            int n = Snappy.uncompress(body, 0, length, out, 0);
            return n == size ? out : java.util.Arrays.copyOf(out, n);
        } catch (IOException e) {
            throw new RemoteWriteException("snappy: corrupt input", e);
        }
    }
}
