package io.influxha.core.config;

/** A credential; prints as {@code [hidden]} so it never reaches a log or an error message. */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return "[hidden]";
    }
}
