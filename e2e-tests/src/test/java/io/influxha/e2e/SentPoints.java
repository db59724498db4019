package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Generates line-protocol batches whose points can each be recognised again in a replica (a
 * unique {@code seq} field), and remembers what was acknowledged. Each point is its own series
 * (tag {@code id}): points the gateway stamps in one request share a time, and points of one
 * series with one time overwrite each other in InfluxDB. A point is described as the row
 * InfluxDB returns for it from {@code SELECT *}: measurement plus every column in JSON, sorted.
 */
final class SentPoints {
    static final String[] MEASUREMENTS = {"cpu", "mem", "disk io", "net"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One acknowledged point. {@code timeNs} is -1 when the gateway stamped it. */
    record Sent(long seq, String row, long timeNs, long sentAfterNs, long sentBeforeNs, long unitNs) {}

    private final List<Sent> acknowledged = new ArrayList<>();
    private long nextSeq;

    /** A batch of {@code n} points; {@code explicitTime} false leaves every timestamp out. */
    Batch batch(int n, String precision, boolean explicitTime, long baseTimeNs) {
        StringBuilder body = new StringBuilder();
        List<long[]> seqAndTime = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        long unit = unitNs(precision);
        for (int i = 0; i < n; i++) {
            long seq = nextSeq++;
            String measurement = MEASUREMENTS[(int) (seq % MEASUREMENTS.length)];
            String host = "h" + (seq % 7);
            String region = seq % 2 == 0 ? "eu west" : "us";
            double value = seq + 0.25;
            boolean ok = seq % 3 == 0;
            String note = "n \"" + seq + "\", ok";
            body.append(measurement.replace(" ", "\\ "))
                    .append(",host=").append(host).append(",id=").append(seq).append(",region=").append(region.replace(" ", "\\ "))
                    .append(" value=").append(value).append(",seq=").append(seq).append("i,ok=").append(ok)
                    .append(",note=\"").append(note.replace("\"", "\\\"")).append('"');
            long timeNs = -1;
            if (explicitTime) {
                long units = baseTimeNs / unit + seq;
                timeNs = units * unit;
                body.append(' ').append(units);
            }
            body.append('\n');
            Map<String, JsonNode> columns = new TreeMap<>();
            columns.put("host", JSON.valueToTree(host));
            columns.put("id", JSON.valueToTree(Long.toString(seq)));
            columns.put("region", JSON.valueToTree(region));
            columns.put("value", JSON.valueToTree(value));
            columns.put("seq", JSON.valueToTree(seq));
            columns.put("ok", JSON.valueToTree(ok));
            columns.put("note", JSON.valueToTree(note));
            rows.add(row(measurement, columns));
            seqAndTime.add(new long[] {seq, timeNs});
        }
        return new Batch(body.toString(), precision, seqAndTime, rows, unit);
    }

    final class Batch {
        final String body;
        final String precision;
        private final List<long[]> seqAndTime;
        private final List<String> rows;
        private final long unit;

        Batch(String body, String precision, List<long[]> seqAndTime, List<String> rows, long unit) {
            this.body = body;
            this.precision = precision;
            this.seqAndTime = seqAndTime;
            this.rows = rows;
            this.unit = unit;
        }

        /** Records the batch as acknowledged, sent between the two instants. */
        void acknowledged(long sentAfterNs, long sentBeforeNs) {
            for (int i = 0; i < rows.size(); i++) {
                acknowledged.add(new Sent(seqAndTime.get(i)[0], rows.get(i), seqAndTime.get(i)[1], sentAfterNs, sentBeforeNs, unit));
            }
        }
    }

    List<Sent> acknowledged() {
        return acknowledged;
    }

    static String row(String measurement, Map<String, JsonNode> columns) {
        StringBuilder sb = new StringBuilder(measurement);
        columns.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    static long unitNs(String precision) {
        return switch (precision) {
            case "n", "ns", "" -> 1;
            case "u" -> TimeUnit.MICROSECONDS.toNanos(1);
            case "ms" -> TimeUnit.MILLISECONDS.toNanos(1);
            case "s" -> TimeUnit.SECONDS.toNanos(1);
            case "m" -> TimeUnit.MINUTES.toNanos(1);
            case "h" -> TimeUnit.HOURS.toNanos(1);
            default -> throw new IllegalArgumentException("precision " + precision);
        };
    }
}
