package io.influxha.core.lp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test sink: decodes every accepted point and keeps the raw offsets too. */
final class Collected implements PointSink {
    final List<Point> points = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    final List<String> series = new ArrayList<>();
    ParseReport report;

    static Collected parse(String body, Precision precision, long receiveTimeNanos) {
        return parse(body.getBytes(StandardCharsets.UTF_8), precision, receiveTimeNanos);
    }

    static Collected parse(byte[] bytes, Precision precision, long receiveTimeNanos) {
        Collected c = new Collected();
        c.report = new LineProtocolParser().parse(bytes, 0, bytes.length, precision, receiveTimeNanos, c);
        return c;
    }

    static Collected parse(String body) {
        return parse(body, Precision.NANOSECONDS, 0L);
    }

    @Override
    public void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long timestampNanos) {
        points.add(PointDecoder.decode(buf, start, measurementEnd, seriesEnd, fieldsEnd, timestampNanos));
        lines.add(new String(buf, start, fieldsEnd - start, StandardCharsets.UTF_8));
        series.add(new String(buf, start, seriesEnd - start, StandardCharsets.UTF_8));
    }
}
