package io.influxha.broker;

import io.influxha.core.Bootstrap;
import io.influxha.core.OwnSession;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker in a child JVM ({@link BrokerProcessMain}), isolating its heap, GC and
 * fatal-fault halts from this process. The child's stdin is a pipe this process holds open, so
 * the child exits when this process dies, even by kill -9. Its output goes to
 * {@code dataDir/kafka/broker.log}.
 */
public final class ChildBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChildBroker.class);
    private static final String LOG_CONFIG = "broker-log4j2.xml";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int LOG_TAIL_BYTES = 4_000;

    private final Process process;
    private final String bootstrapServers;

    private ChildBroker(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the child and returns once it published a fresh address and answers there. */
    public static ChildBroker start(Path dataDir, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        Path kafkaDir = dataDir.toAbsolutePath().normalize().resolve("kafka");
        Path logFile = kafkaDir.resolve("broker.log");
        Path addressFile = Bootstrap.file(dataDir.toAbsolutePath().normalize());
        try {
            Files.createDirectories(kafkaDir);
            Path logConfig = writeLogConfig(kafkaDir);
            FileTime previous = Files.exists(addressFile) ? Files.getLastModifiedTime(addressFile) : null;
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            // stdin stays the default PIPE: inheriting would hand the child a closed stdin on CI.
            Process process = new ProcessBuilder(OwnSession.command(command(dataDir.toAbsolutePath().normalize(), logConfig)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            try {
                String address = awaitAddress(process, addressFile, previous, deadline, logFile, logStart);
                Readiness.awaitCluster(address, deadline, process::isAlive, "broker child pid=" + process.pid());
                log.info("event=broker_child_started pid={} bootstrap={} data_dir={}", process.pid(), address, dataDir);
                return new ChildBroker(process, address);
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw new BrokerStartException(e.getMessage() + "\n--- " + logFile + " ---\n" + tail(logFile, logStart), e);
            }
        } catch (IOException e) {
            throw new BrokerStartException("cannot start the broker child JVM for " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> command(Path dataDir, Path logConfig) {
        return javaCommand("512m", logConfig, BrokerProcessMain.class, List.of(dataDir.toString()));
    }

    /** A child JVM running {@code main} on this JVM's classpath, with the broker log configuration. */
    static List<String> javaCommand(String heap, Path logConfig, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseG1GC");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + logConfig);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** This JVM's classpath; under {@code mvn exec:java} that is the context class loader's URLs. */
    static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a local file: the child cannot use it
                }
            }
            entries.add(System.getProperty("java.class.path"));
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** Writes the broker log configuration into {@code kafkaDir}; returns its path. */
    static Path writeLogConfig(Path kafkaDir) throws IOException {
        Path target = kafkaDir.resolve(LOG_CONFIG);
        try (InputStream in = ChildBroker.class.getResourceAsStream(LOG_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("resource io/influxha/broker/" + LOG_CONFIG + " is missing from the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Waits until the child replaced the address file; a file older than this start is stale. */
    private static String awaitAddress(Process process, Path file, FileTime previous, Deadline deadline, Path logFile, long logStart)
            throws IOException {
        while (true) {
            if (Files.exists(file) && !Files.getLastModifiedTime(file).equals(previous)) {
                String address = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!address.isEmpty()) {
                    return address;
                }
            }
            if (!process.isAlive()) {
                throw new BrokerStartException("broker child pid=" + process.pid() + " exited with status "
                        + process.exitValue() + " before writing " + file);
            }
            if (deadline.expired()) {
                throw new BrokerStartException("broker child pid=" + process.pid() + " did not write " + file + " in time");
            }
            deadline.pause(POLL);
        }
    }

    private static String tail(Path logFile, long from) {
        try (RandomAccessFile raf = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(from, raf.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the child's exit code once it has exited, whoever stopped it. */
    public java.util.concurrent.CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Closes the child's stdin as the death of this process would; the child then exits by itself. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** SIGTERM (the child's shutdown hook stops the broker cleanly), then SIGKILL after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("event=broker_child_kill pid={} reason=no_exit_after_sigterm", process.pid());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child is gone; its pipe has nothing left to deliver
        }
    }
}
