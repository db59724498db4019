package io.influxha.core.config;

/**
 * One key of a YAML mapping.
 *
 * @param defaultValue used when the key is absent or null; null means the key is required
 */
record Field<T>(String key, Parser<T> parser, T defaultValue) {

    static <T> Field<T> required(String key, Parser<T> parser) {
        return new Field<>(key, parser, null);
    }

    static <T> Field<T> optional(String key, Parser<T> parser, T defaultValue) {
        return new Field<>(key, parser, java.util.Objects.requireNonNull(defaultValue, key));
    }

    boolean isRequired() {
        return defaultValue == null;
    }
}
