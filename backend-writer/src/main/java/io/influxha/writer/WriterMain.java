package io.influxha.writer;

import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.health.RoleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code writer -c FILE --backend NAME}: one writer instance for one backend, until SIGTERM. */
public final class WriterMain {
    private static final Logger log = LoggerFactory.getLogger(WriterMain.class);

    private WriterMain() {}

    /** {@link #run(InfluxHaConfig, String, HostPort)} on {@code writer.listen}. */
    public static int run(InfluxHaConfig config, String backend) throws InterruptedException {
        return run(config, backend, config.writer().listen());
    }

    /**
     * Serves {@code /health} and {@code /metrics} on {@code listen}, then writes to {@code backend}
     * until SIGTERM; returns the exit code: 0 once stopped, 1 when the writer failed.
     *
     * @throws StartupException when the backend is not configured, {@code listen} cannot be bound
     *     or Kafka cannot be reached
     */
    public static int run(InfluxHaConfig config, String backend, HostPort listen) throws InterruptedException {
        if (config.backend(backend).isEmpty()) {
            throw new StartupException("unknown backend \"" + backend + "\": configured backends are "
                    + String.join(", ", config.backends().stream().map(b -> b.name()).toList()));
        }
        try (RoleListener listener = RoleListener.start("writer", listen, "writer.listen")) {
            Writer writer;
            try {
                writer = Writer.start(config, Startup.kafka(config), backend);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(writer::close, "writer-shutdown"));
            writer.awaitTermination();
            if (writer.failure().isEmpty()) {
                return 0;
            }
            // the same line as all's supervisor: what an operator (and SupervisionIT) reads for "exit 1"
            log.error("event=role_failed role=writer name={} reason=\"{}\" action=stop_process exit_code=1",
                    backend, writer.failure().get());
            return 1;
        }
    }
}
