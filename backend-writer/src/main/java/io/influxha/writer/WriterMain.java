package io.influxha.writer;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.Set;

/** {@code writer -c FILE --backend NAME}: one writer instance for one backend, until SIGTERM. */
public final class WriterMain {
    private WriterMain() {}

    public static void main(String[] args) throws InterruptedException {
        Writer writer;
        try {
            CommandLine options = CommandLine.parse(args, Set.of("--config", "--backend"));
            InfluxHaConfig config = Startup.config(options.config());
            String backend = options.require("--backend", "--backend NAME (the backend this writer feeds)");
            writer = Writer.start(config, Startup.kafka(config), backend);
        } catch (StartupException | IllegalArgumentException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "writer-shutdown"));
        writer.awaitTermination();
        if (writer.failed()) {
            System.exit(1);
        }
    }
}
