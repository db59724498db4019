package io.influxha.core.config;

/** A size in bytes, written in the config with a unit: {@code "25MiB"}, {@code "512KB"}, {@code "100B"}. */
public record DataSize(long bytes) {
    @Override
    public String toString() {
        return bytes + "B";
    }
}
