package io.influxha.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A YAML value and its path, so that whoever reads it can report a problem against it. A string
 * value is seen with its environment references resolved ({@link Interpolation}); one that cannot
 * be resolved is reported once, against its path, and reads as {@link #unresolved()}. A problem
 * shows such a value as written ({@code written}), never what its references gave: a reference may
 * bring a secret into any string (a URL's credentials, a Kafka client property).
 */
record Node(JsonNode json, String path, Problems problems, Interpolation vars, JsonNode written) {
    /** Stands in for a string whose references could not be resolved: absent, and already reported. */
    private static final JsonNode UNRESOLVED = JsonNodeFactory.instance.pojoNode(new Object());

    static Node root(JsonNode json, Problems problems, Interpolation vars) {
        return new Node(json, "", problems, vars, json);
    }

    /** Absent, or written as {@code key:} / {@code key: null}: both mean "use the default". */
    boolean absent() {
        return json == null || json.isNull() || json.isMissingNode() || json == UNRESOLVED;
    }

    /** A string whose environment references could not be resolved; its problem is already reported. */
    boolean unresolved() {
        return json == UNRESOLVED;
    }

    Node field(String key) {
        return child(json == null ? null : json.get(key), path.isEmpty() ? key : path + "." + key);
    }

    Node element(int index) {
        return child(json.get(index), path + "[" + index + "]");
    }

    private Node child(JsonNode value, String childPath) {
        if (value == null || !value.isTextual()) {
            return new Node(value, childPath, problems, vars, value);
        }
        try {
            String resolved = vars.resolve(value.textValue());
            return new Node(resolved.equals(value.textValue()) ? value : TextNode.valueOf(resolved), childPath, problems, vars, value);
        } catch (Interpolation.Unresolved e) {
            problems.addOnce(childPath, e.getMessage());
            return new Node(UNRESOLVED, childPath, problems, vars, value);
        }
    }

    /** Records {@code path: invalid value V: reason}, V as written, and returns null, the parsers' "no value". */
    <T> T invalid(String reason) {
        problems.invalid(path, written, reason);
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
