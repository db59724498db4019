package io.influxha.core.config;

/**
 * Turns one present YAML value into a setting. On a bad value it records the problem against the
 * node and returns null; it never throws for bad input.
 */
@FunctionalInterface
interface Parser<T> {
    T parse(Node node);
}
