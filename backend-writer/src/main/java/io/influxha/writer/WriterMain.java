package io.influxha.writer;

import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;

/** {@code writer -c FILE --backend NAME}: one writer instance for one backend, until SIGTERM. */
public final class WriterMain {
    private WriterMain() {}

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
