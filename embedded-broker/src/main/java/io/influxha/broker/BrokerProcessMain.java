package io.influxha.broker;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Main of the broker child JVM started by {@link ChildBroker}: runs an {@link EmbeddedBroker}
 * under {@code DATA_DIR/kafka}, publishes its address, and exits when its standard input reaches
 * EOF, which happens when the parent exits for any reason, kill -9 included.
 */
public final class BrokerProcessMain {
    private static final Logger log = LoggerFactory.getLogger(BrokerProcessMain.class);

    private BrokerProcessMain() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java " + BrokerProcessMain.class.getName() + " DATA_DIR");
            System.exit(2);
        }
        watchStdin();
        try {
            runUntilStopped(Path.of(args[0]));
        } catch (Throwable e) {
            // Errors too: Kafka's non-daemon threads would keep a half-started JVM alive forever,
            // and the parent would wait for an address that never comes.
            log.error("event=broker_failed data_dir={} error=\"{}\"", args[0], e, e);
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * Starts the broker in this JVM under {@code dataDir/kafka}, writes its address to
     * {@code dataDir/kafka/bootstrap}, closes it from a shutdown hook (SIGTERM), and blocks until
     * it has stopped. Also what the launcher's {@code broker} command runs.
     */
    public static void runUntilStopped(Path dataDir) {
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("kafka"));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "influxha-broker-shutdown"));
        broker.writeBootstrapFile(dataDir);
        broker.awaitShutdown();
    }

    /** The parent holds our stdin pipe; EOF means it is gone, so this broker must go too. */
    static void watchStdin() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is the same as EOF
            }
            log.info("event=broker_parent_gone action=shutdown");
            System.exit(0);
        }, "influxha-broker-stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
