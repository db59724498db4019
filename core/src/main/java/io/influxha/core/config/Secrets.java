package io.influxha.core.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values that may come from the environment: a whole value {@code "${NAME}"} is replaced by the
 * variable NAME; {@code "$${...}"} stands for the literal text {@code "${...}"}. Anything else is
 * taken as written. Problems about a secret never show its value.
 */
final class Secrets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final UnaryOperator<String> env;

    Secrets(UnaryOperator<String> env) {
        this.env = env;
    }

    Parser<Secret> secret() {
        return node -> {
            if (!node.json().isTextual()) {
                return node.problem("expected a string, got " + node.kind() + " (value hidden)");
            }
            String value = resolve(node, node.json().textValue());
            return value == null ? null : new Secret(value);
        };
    }

    /** A scalar kept as a string, with references resolved (Kafka client properties may hold passwords). */
    Parser<String> scalar() {
        return node -> {
            if (!node.json().isValueNode()) {
                return node.invalid("expected a single value, got " + node.kind());
            }
            return resolve(node, node.json().asText());
        };
    }

    private String resolve(Node node, String text) {
        if (text.startsWith("$${")) {
            return text.substring(1);
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            return text;
        }
        String value = env.apply(m.group(1));
        return value != null ? value : node.problem("environment variable " + m.group(1) + " is not set");
    }
}
