package io.influxha.core.config;

import java.util.List;

/** Every problem found in a configuration, each prefixed with its YAML path. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** e.g. {@code backends[1].url: invalid value "influx-b:8086": expected an http:// or https:// URL} */
    public List<String> problems() {
        return problems;
    }
}
