package io.influxha.e2e.reference;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point as line protocol: measurement, tags and fields sorted by key, field values in their
 * canonical line-protocol text ({@link LineCodec#canonicalValue}), and the time in ns, or null
 * when the request left it out for the gateway to stamp. Names never need escaping (the workload
 * picks them from small fixed sets).
 */
public record Point(String measurement, SortedMap<String, String> tags, SortedMap<String, String> fields, Long timeNs) {
    public Point {
        tags = new TreeMap<>(tags);
        fields = new TreeMap<>(fields);
    }

    /** {@code measurement,tag=v,...}: the series, as influxd's SHOW SERIES prints it. */
    public String seriesKey() {
        StringBuilder key = new StringBuilder(measurement);
        tags.forEach((k, v) -> key.append(',').append(k).append('=').append(v));
        return key.toString();
    }

    /** The operation that wrote this point: every point of the workload carries its id in field {@code op}. */
    public long op() {
        String v = fields.get("op");
        if (v == null || !v.endsWith("i")) {
            return -1;
        }
        return Long.parseLong(v.substring(0, v.length() - 1));
    }

    public String tag(String key) {
        return tags.get(key);
    }

    /** The same point with the time the gateway gave it. */
    public Point at(long ns) {
        return new Point(measurement, tags, fields, ns);
    }

    /** The line for a request at {@code unitNs} per unit of the precision; no time when stamped. */
    public String line(long unitNs) {
        return timeNs == null ? content() : content() + ' ' + timeNs / unitNs;
    }

    /** Everything but the time: what identifies a point's content. */
    public String content() {
        StringBuilder line = new StringBuilder(seriesKey()).append(' ');
        boolean first = true;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            line.append(first ? "" : ",").append(f.getKey()).append('=').append(f.getValue());
            first = false;
        }
        return line.toString();
    }
}
