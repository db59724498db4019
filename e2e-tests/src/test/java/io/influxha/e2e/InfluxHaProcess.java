package io.influxha.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A role of influx-ha started from the packaged jar, as a user starts it ({@code java -jar
 * influx-ha.jar COMMAND ...}), with its output in a log file and a stdin pipe held open (CI has no
 * standard input; an embedded child broker watches its parent's pipe).
 */
final class InfluxHaProcess implements AutoCloseable {
    /** The packaged jar: {@code -Dinfluxha.jar} (set by the build), else the launcher's default output. */
    static final Path JAR = Path.of(System.getProperty("influxha.jar", "../launcher/target/influx-ha.jar")).toAbsolutePath().normalize();

    private final List<String> command;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;

    private InfluxHaProcess(List<String> command, Path log, Map<String, String> environment) {
        this.command = command;
        this.log = log;
        this.environment = environment;
    }

    static InfluxHaProcess start(Path log, String... args) {
        return start(log, Map.of(), args);
    }

    /** With {@code environment} added to this JVM's (the variables a compose service sets). */
    static InfluxHaProcess start(Path log, Map<String, String> environment, String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the launcher module must be packaged first (mvn verify builds it)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        InfluxHaProcess p = new InfluxHaProcess(command, log, Map.copyOf(environment));
        p.start();
        return p;
    }

    /** What a one-shot command (status, dlq, check-config) printed, and how it exited. */
    record Finished(int exitCode, String output) {}

    /** Runs a one-shot command to its end; its output goes to {@code log} (fresh) and is returned. */
    static Finished run(Path log, Duration timeout, String... args) {
        InfluxHaProcess p = start(log, args);
        try {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.kill();
                throw new AssertionError("influx-ha " + String.join(" ", args) + " did not finish within " + timeout + "; log:\n" + p.logTail());
            }
            return new Finished(p.process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void start() {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(environment);
            process = pb
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM and wait: the graceful path (requests finish, batches flush, offsets commit). */
    int stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("pid " + process.pid() + " did not stop within " + timeout + " after SIGTERM; log: " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to end by itself (no signal sent); its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("pid " + process.pid() + " still runs after " + timeout + "; log:\n" + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: nothing runs on the way out. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lines of its log that hold {@code text}. */
    List<String> logLines(String text) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (alive()) {
            stop(Duration.ofSeconds(60));
        }
    }
}
