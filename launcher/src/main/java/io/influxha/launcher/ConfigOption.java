package io.influxha.launcher;

import io.influxha.core.Startup;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The option of every command that reads the configuration: {@code -c FILE}, {@code --config FILE} or {@code --config=FILE}. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "the YAML configuration (docs/configuration.md)")
    Path file;

    /** @throws io.influxha.core.StartupException naming the file and every problem in it */
    InfluxHaConfig load() {
        return Startup.config(file);
    }
}
