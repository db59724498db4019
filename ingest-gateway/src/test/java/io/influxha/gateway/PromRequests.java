package io.influxha.gateway;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/** Builds Prometheus remote-write bodies (snappy block of a prompb WriteRequest) the way Prometheus encodes them. */
final class PromRequests {
    record Sample(double value, long timestampMs) {}

    record Series(Map<String, String> labels, List<Sample> samples) {}

    private final List<Series> series = new ArrayList<>();
    private boolean withMetadata;

    PromRequests series(Map<String, String> labels, Sample... samples) {
        series.add(new Series(labels, List.of(samples)));
        return this;
    }

    /** Adds a MetricMetadata entry (field 3), which the gateway must skip as InfluxDB does. */
    PromRequests withMetadata() {
        withMetadata = true;
        return this;
    }

    byte[] protobuf() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream w = CodedOutputStream.newInstance(out);
            for (Series s : series) {
                w.writeByteArray(1, timeSeries(s));
            }
            if (withMetadata) {
                w.writeByteArray(3, message(m -> {
                    m.writeEnum(1, 1);
                    m.writeString(2, "up");
                    m.writeString(4, "help text");
                }));
            }
            w.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] snappy() {
        try {
            return Snappy.compress(protobuf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] timeSeries(Series s) throws IOException {
        return message(w -> {
            for (Map.Entry<String, String> l : s.labels().entrySet()) {
                w.writeByteArray(1, message(m -> {
                    m.writeString(1, l.getKey());
                    m.writeString(2, l.getValue());
                }));
            }
            for (Sample sample : s.samples()) {
                w.writeByteArray(2, message(m -> {
                    m.writeDouble(1, sample.value());
                    m.writeInt64(2, sample.timestampMs());
                }));
            }
        });
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream w = CodedOutputStream.newInstance(out);
        body.write(w);
        w.flush();
        return out.toByteArray();
    }
}
