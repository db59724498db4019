package io.influxha.broker;

import io.influxha.core.Bootstrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker+controller running in this JVM, with its data under
 * {@code kafkaDir/kraft-logs}. The data dir is formatted once and kept across restarts; ports are
 * picked free on loopback at every start (the quorum is static, so they may change).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 5;
    /** Log dirs used by a broker of this JVM; see {@link Storage#awaitUnlocked} for why. */
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;
    private Path bootstrapFile;
    private boolean closed;

    private EmbeddedBroker(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedBroker start(Path kafkaDir) {
        return start(kafkaDir, DEFAULT_TIMEOUT);
    }

    /**
     * Starts the broker and returns once it answers {@code describeCluster}.
     *
     * @param timeout covers waiting for the data dir's lock (a previous broker may still be
     *     exiting) and for readiness
     */
    public static EmbeddedBroker start(Path kafkaDir, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        long startNanos = System.nanoTime();
        Path logDir = kafkaDir.toAbsolutePath().normalize().resolve("kraft-logs");
        if (!IN_USE.add(logDir)) {
            throw new BrokerStartException("Kafka data dir " + logDir + " is already used by a broker running in this JVM");
        }
        try {
            Files.createDirectories(logDir);
            Storage.awaitUnlocked(logDir, deadline);
            Storage.formatIfNeeded(logDir);
            if (StaleRegistration.mayRemain(logDir)) {
                StaleRegistration.fence(logDir, deadline);
            }
            EmbeddedBroker broker = startWithFreePorts(logDir, deadline);
            LeaderElection.disableEligibleLeaderReplicas(broker.bootstrapServers);
            log.info("event=broker_started bootstrap={} dir={} millis={}",
                    broker.bootstrapServers, logDir, (System.nanoTime() - startNanos) / 1_000_000);
            return broker;
        } catch (IOException e) {
            IN_USE.remove(logDir);
            throw new BrokerStartException("cannot create the Kafka data dir " + logDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            IN_USE.remove(logDir);
            throw e;
        }
    }

    private static EmbeddedBroker startWithFreePorts(Path logDir, Deadline deadline) {
        for (int attempt = 1; ; attempt++) {
            // The previous run's port first: roles started separately keep the address they
            // resolved at start, so a broker restarted on the same data must come back on it.
            int brokerPort = attempt == 1 ? FreePort.previous(logDir).orElseGet(FreePort::pick) : FreePort.pick();
            int controllerPort = FreePort.pick();
            if (controllerPort == brokerPort) {
                controllerPort = FreePort.pick(); // the kernel may hand out a just-released port again
            }
            Map<String, String> props = BrokerProperties.of(logDir, brokerPort, controllerPort);
            KafkaRaftServer server = null;
            try {
                server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
                server.startup();
                Readiness.await("127.0.0.1", brokerPort, deadline, () -> true, "embedded Kafka broker in " + logDir);
                FreePort.remember(logDir, brokerPort);
                return new EmbeddedBroker(server, logDir, "127.0.0.1:" + brokerPort);
            } catch (RuntimeException e) {
                if (server != null) {
                    stopQuietly(server);
                }
                // ServerSocket(0) picking is racy: another process may bind the port first.
                if (!causedByBind(e) || attempt >= BIND_ATTEMPTS || deadline.expired()) {
                    throw e instanceof BrokerStartException b ? b
                            : new BrokerStartException("cannot start the embedded Kafka broker in " + logDir + ": " + e.getMessage(), e);
                }
                log.warn("event=broker_bind_retry attempt={} broker_port={} controller_port={} error=\"{}\"",
                        attempt, brokerPort, controllerPort, e.getMessage());
            }
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")
                    || String.valueOf(t.getMessage()).contains("SocketServer Acceptors")) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("event=broker_stop_failed error=\"{}\"", e.toString());
        }
    }

    /** {@code host:port} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding Kafka's logs and {@code meta.properties}. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Publishes the address to {@code Bootstrap.file(dataDir)} for the roles started separately;
     * {@link #close()} removes it again if it still holds this broker's address.
     */
    public void writeBootstrapFile(Path dataDir) {
        try {
            Bootstrap.write(dataDir, bootstrapServers);
            bootstrapFile = Bootstrap.file(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker address to " + Bootstrap.file(dataDir), e);
        }
    }

    /** Blocks until the broker has shut down (by {@link #close()} or a fatal error). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
        IN_USE.remove(logDir);
        removeBootstrapFile();
        log.info("event=broker_stopped bootstrap={} dir={}", bootstrapServers, logDir);
    }

    private void removeBootstrapFile() {
        if (bootstrapFile == null) {
            return;
        }
        try {
            if (Files.readString(bootstrapFile, StandardCharsets.UTF_8).trim().equals(bootstrapServers)) {
                Files.deleteIfExists(bootstrapFile);
            }
        } catch (IOException e) {
            // Already gone or replaced by a newer broker: nothing of ours to remove.
        }
    }

    /**
     * Makes Kafka's fatal-fault handlers throw instead of halting the JVM. For tests, where a halt
     * would kill the test runner's fork; a product process should keep the halt.
     */
    public static void throwInsteadOfHalting() {
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka requested JVM halt, status=" + status + " message=" + message);
        });
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka requested JVM exit, status=" + status + " message=" + message);
        });
    }
}
