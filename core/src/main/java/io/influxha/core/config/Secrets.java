package io.influxha.core.config;

/**
 * Values that must not be shown: environment references in them are already resolved by
 * {@link Node} ({@link Interpolation}); problems about a secret never show its value.
 */
final class Secrets {

    Parser<Secret> secret() {
        return node -> node.json().isTextual() ? new Secret(node.json().textValue())
                : node.problem("expected a string, got " + node.kind() + " (value hidden)");
    }

    /** A scalar kept as a string (Kafka client properties may hold passwords). */
    Parser<String> scalar() {
        return node -> node.json().isValueNode() ? node.json().asText() : node.invalid("expected a single value, got " + node.kind());
    }
}
