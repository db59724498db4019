package io.influxha.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one configuration, in the order they were found, each as
 * {@code <yaml.path>: <what is wrong>}. Values are shown as YAML would show them: strings quoted,
 * numbers and booleans bare.
 */
final class Problems {
    private final List<String> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** Like {@link #add}, unless the same problem is already recorded (a value read twice is reported once). */
    void addOnce(String path, String message) {
        if (!problems.contains(path + ": " + message)) {
            add(path, message);
        }
    }

    /** {@code path: invalid value <value>: <reason>}, Kafka's ConfigException wording. */
    void invalid(String path, JsonNode value, String reason) {
        add(path, "invalid value " + show(value) + ": " + reason);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return List.copyOf(problems);
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    static String show(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        return value.toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
