package io.influxha.writer;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.Set;

/** {@code writer -c FILE --backend NAME}: one writer instance for one backend, until SIGTERM. */
public final class WriterMain {
    private WriterMain() {}

    /** For {@code java -cp ... WriterMain -c FILE --backend NAME}; {@code bin/influx-ha writer} parses its options and calls {@link #run}. */
    public static void main(String[] args) throws InterruptedException {
        try {
            CommandLine options = CommandLine.parse(args, Set.of("--config", "--backend"));
            InfluxHaConfig config = Startup.config(options.config());
            System.exit(run(config, options.require("--backend", "--backend NAME (the backend this writer feeds)")));
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Writes to {@code backend} until SIGTERM; returns the exit code: 0 once stopped, 1 when the
     * writer failed.
     *
     * @throws StartupException when the backend is not configured or Kafka cannot be reached
     */
    public static int run(InfluxHaConfig config, String backend) throws InterruptedException {
        Writer writer;
        try {
            writer = Writer.start(config, Startup.kafka(config), backend);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "writer-shutdown"));
        writer.awaitTermination();
        return writer.failed() ? 1 : 0;
    }
}
