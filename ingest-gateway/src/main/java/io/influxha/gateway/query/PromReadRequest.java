package io.influxha.gateway.query;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric names a Prometheus remote-read {@code ReadRequest} asks for, one per query: the value
 * of an equality matcher on {@code __name__}, or null when the query selects metrics otherwise
 * (regex, no name). Field numbers from prometheus/prompb remote.proto and types.proto:
 * <pre>
 * ReadRequest  { repeated Query queries = 1; ... }
 * Query        { int64 start_timestamp_ms = 1; int64 end_timestamp_ms = 2; repeated LabelMatcher matchers = 3; ... }
 * LabelMatcher { Type type = 1; string name = 2; string value = 3; }   // Type EQ = 0
 * </pre>
 * InfluxDB 1.8 stores a metric as the measurement of its name, so the name decides the shard.
 */
public final class PromReadRequest {
    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private PromReadRequest() {}

    /** @throws IllegalArgumentException when the bytes are not a ReadRequest */
    public static List<String> metricNames(byte[] request) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(request);
            List<String> names = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (field(tag) == 1 && WireFormat.getTagWireType(tag) == LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    names.add(queryName(in));
                    in.popLimit(limit);
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return names;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("proto: cannot decode ReadRequest: " + e.getMessage(), e);
        }
    }

    private static String queryName(CodedInputStream in) throws IOException {
        String name = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 3 && WireFormat.getTagWireType(tag) == LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                String matched = matcherName(in);
                in.popLimit(limit);
                name = name == null ? matched : name;
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return name;
    }

    /** The value of an {@code __name__ = value} matcher, else null. */
    private static String matcherName(CodedInputStream in) throws IOException {
        int type = 0;
        String label = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> type = in.readEnum();
                case 2 -> label = in.readString();
                case 3 -> value = in.readString();
                default -> in.skipField(tag);
            }
        }
        return type == 0 && label.equals("__name__") ? value : null;
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }
}
