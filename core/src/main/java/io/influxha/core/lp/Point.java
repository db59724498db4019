package io.influxha.core.lp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point as values (unescaped). Field values are {@link Long} (integer, {@code i}),
 * {@link Double} (float, never NaN or infinite), {@link Boolean} or {@link String}. Used off the
 * hot path: Prometheus conversion, tests, tools.
 */
public record Point(String measurement, SortedMap<String, String> tags, Map<String, Object> fields, long timestampNanos) {
    public Point {
        Objects.requireNonNull(measurement, "measurement");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            Object v = f.getValue();
            if (!(v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String)) {
                throw new IllegalArgumentException("field " + f.getKey() + ": unsupported value type "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
    }
}
