package io.influxha.core.config;

import java.util.function.BiFunction;

/**
 * Turns one present YAML value into a setting. On a bad value it records the problem against the
 * node and returns null; it never throws for bad input.
 */
@FunctionalInterface
interface Parser<T> {
    T parse(Node node);

    /** Runs {@code check} on a successfully parsed value; the check returns null after recording a problem. */
    default Parser<T> then(BiFunction<Node, T, T> check) {
        return node -> {
            T value = parse(node);
            return value == null ? null : check.apply(node, value);
        };
    }
}
