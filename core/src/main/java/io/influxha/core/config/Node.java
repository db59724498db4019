package io.influxha.core.config;

import com.fasterxml.jackson.databind.JsonNode;

/** A YAML value and its path, so that whoever reads it can report a problem against it. */
record Node(JsonNode json, String path, Problems problems) {

    /** Absent, or written as {@code key:} / {@code key: null}: both mean "use the default". */
    boolean absent() {
        return json == null || json.isNull() || json.isMissingNode();
    }

    Node field(String key) {
        return new Node(json == null ? null : json.get(key), path.isEmpty() ? key : path + "." + key, problems);
    }

    Node element(int index) {
        return new Node(json.get(index), path + "[" + index + "]", problems);
    }

    /** Records {@code path: invalid value V: reason} and returns null, the parsers' "no value". */
    <T> T invalid(String reason) {
        problems.invalid(path, json, reason);
        return null;
    }

    /** Records {@code path: message} (for messages that must not show the value) and returns null. */
    <T> T problem(String message) {
        problems.add(path, message);
        return null;
    }

    /** "a list", "a mapping", "a string", ... for "expected X, got Y" messages. */
    String kind() {
        if (json.isObject()) {
            return "a mapping";
        }
        if (json.isArray()) {
            return "a list";
        }
        if (json.isTextual()) {
            return "a string";
        }
        if (json.isBoolean()) {
            return "a boolean";
        }
        return json.isNumber() ? "a number" : "a " + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
