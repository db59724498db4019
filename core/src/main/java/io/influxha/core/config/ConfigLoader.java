package io.influxha.core.config;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Reads YAML into a validated {@link InfluxHaConfig}, reporting all problems at once. */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** @throws ConfigException listing every problem with its path (also an unreadable file) */
    public static InfluxHaConfig load(Path file) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * @param env looks up environment variables for {@code ${VAR}} references in secrets
     * @param baseDir relative {@code data_dir} values resolve against it
     */
    public static InfluxHaConfig parse(String yaml, UnaryOperator<String> env, Path baseDir) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
