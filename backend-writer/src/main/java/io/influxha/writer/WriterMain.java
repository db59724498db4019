package io.influxha.writer;

import io.influxha.core.Bootstrap;
import io.influxha.core.TopicAdmin;
import io.influxha.core.config.ConfigException;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.file.Path;

/** {@code writer -c FILE --backend NAME}: one writer instance for one backend, until SIGTERM. */
public final class WriterMain {
    private WriterMain() {}

    public static void main(String[] args) {
        String file = null;
        String backend = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-c", "--config" -> file = args[i + 1];
                case "--backend" -> backend = args[i + 1];
                default -> exit("unknown option " + args[i] + "; usage: writer -c FILE --backend NAME");
            }
        }
        if (file == null || backend == null || args.length % 2 != 0) {
            exit("usage: writer -c FILE --backend NAME");
        }
        try {
            InfluxHaConfig config = ConfigLoader.load(Path.of(file));
            String bootstrap = Bootstrap.resolve(config);
            TopicAdmin.ensureAll(bootstrap, config);
            Writer writer = Writer.start(config, bootstrap, backend);
            Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "writer-shutdown"));
            writer.awaitTermination();
            if (writer.failed()) {
                System.exit(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
        } catch (IllegalStateException | IllegalArgumentException e) {
            exit(e.getMessage());
        }
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
