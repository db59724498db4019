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

    /**
     * Resolves where Kafka is, creates missing topics and checks the existing ones against the
     * configuration ({@link TopicCheck}); returns the cluster the roles use.
     */
    public static KafkaCluster kafka(InfluxHaConfig config) {
        try {
            KafkaCluster kafka = KafkaCluster.of(config);
            TopicAdmin.ensureAll(config, kafka);
            TopicCheck.verify(config, kafka);
            return kafka;
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** Resolves where Kafka is, creating nothing: for the tools that only read it ({@code status}, {@code dlq}). */
    public static KafkaCluster locateKafka(InfluxHaConfig config) {
        try {
            return KafkaCluster.of(config);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }
}
