package io.influxha.gateway.prom;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Prometheus remote-write {@code WriteRequest} with protobuf-java's
 * {@link CodedInputStream}, following the field numbers of prometheus/prompb remote.proto and
 * types.proto (stable since remote write 0.1.0):
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; exemplars = 3; histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }   // timestamp in milliseconds
 * </pre>
 * A hand decoder instead of protoc-generated classes: four small messages, no build plugin
 * fetching a native protoc, and unknown fields (metadata, exemplars, native histograms, which
 * InfluxDB 1.8 ignores too) are skipped by the library as the protobuf rules require.
 */
final class WriteRequestDecoder {
    private WriteRequestDecoder() {}

    /** A field's tag as it appears on the wire: field number and wire type. */
    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    record Label(String name, String value) {}

    record Sample(double value, long timestampMs) {}

    record TimeSeries(List<Label> labels, List<Sample> samples) {}

    /** @throws RemoteWriteException when the bytes are not a valid WriteRequest */
    static List<TimeSeries> decode(byte[] bytes, int length) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes, 0, length);
            List<TimeSeries> series = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    series.add(timeSeries(in));
                    in.popLimit(limit);
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return series;
        } catch (IOException | RuntimeException e) {
            throw new RemoteWriteException("proto: cannot decode WriteRequest: " + e.getMessage(), e);
        }
    }

    private static TimeSeries timeSeries(CodedInputStream in) throws IOException {
        List<Label> labels = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if ((field == 1 || field == 2) && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                if (field == 1) {
                    labels.add(label(in));
                } else {
                    samples.add(sample(in));
                }
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return new TimeSeries(labels, samples);
    }

    private static Label label(CodedInputStream in) throws IOException {
        String name = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                name = in.readStringRequireUtf8();
            } else if (tag == tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                value = in.readStringRequireUtf8();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return new Label(name, value);
    }

    private static Sample sample(CodedInputStream in) throws IOException {
        double value = 0;
        long timestamp = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == tag(1, WireFormat.WIRETYPE_FIXED64)) {
                value = in.readDouble();
            } else if (tag == tag(2, WireFormat.WIRETYPE_VARINT)) {
                timestamp = in.readInt64();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return new Sample(value, timestamp);
    }
}
