package io.influxha.core.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What {@link Section#read} found: parsed values, and which fields were bad or missing. */
final class Values {
    private final Map<String, Object> parsed = new HashMap<>();
    private final Set<String> bad = new HashSet<>();

    void put(Field<?> field, Object value) {
        parsed.put(field.key(), value);
    }

    void markBad(Field<?> field) {
        bad.add(field.key());
    }

    /**
     * The parsed value, else the default (also for a bad value, so that records can still be built
     * while problems are collected); null for a required field that is missing or bad.
     */
    @SuppressWarnings("unchecked")
    <T> T get(Field<T> field) {
        Object value = parsed.get(field.key());
        return value != null ? (T) value : field.defaultValue();
    }

    /** True when every field has a usable value: cross-field checks run only then. */
    boolean valid(Field<?>... fields) {
        for (Field<?> field : fields) {
            if (bad.contains(field.key()) || get(field) == null) {
                return false;
            }
        }
        return true;
    }

    boolean present(Field<?> field) {
        return parsed.containsKey(field.key());
    }
}
