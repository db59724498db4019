package io.influxha.core;

import io.influxha.core.config.ConfigException;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.file.Path;

/**
 * The steps every role's {@code …Main} takes before it opens a socket: load and validate the
 * configuration, find Kafka, create missing topics. Each failure becomes a {@link StartupException}
 * with a message for the user; only the {@code …Main} decides to exit.
 */
public final class Startup {
    private Startup() {}

    public static InfluxHaConfig config(Path file) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            StringBuilder sb = new StringBuilder(file + ": invalid configuration (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + ")");
            e.problems().forEach(p -> sb.append("\n  ").append(p));
            throw new StartupException(sb.toString(), e);
        }
    }

    /** Resolves the bootstrap address and creates missing topics; returns the address. */
    public static String kafka(InfluxHaConfig config) {
        try {
            String bootstrap = Bootstrap.resolve(config);
            TopicAdmin.ensureAll(bootstrap, config);
            return bootstrap;
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
