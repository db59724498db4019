package io.influxha.influxd;

import io.influxha.core.OwnSession;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code influxd} 1.x with its own config, data and log under one directory, on a free
 * loopback port that it keeps across {@link #stop()}/{@link #start()}, so clients configured with
 * its {@link #url()} reconnect to the same server.
 */
public final class InfluxdProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Servers of this JVM still running that are killed at JVM exit, so a test that forgot close()
     * leaves no orphan. A program that stops its servers in order itself (the demo: writers flush
     * before their backends stop) starts them with {@code killAtJvmExit=false}.
     */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "influxd-reaper"));
    }

    private final Path dir;
    private final Path config;
    private final int port;
    private final InfluxClient client;
    private Process process;
    private boolean paused;
    private boolean killAtJvmExit = true;

    private InfluxdProcess(Path dir, Path config, int port) {
        this.dir = dir;
        this.config = config;
        this.port = port;
        this.client = InfluxClient.of(url());
    }

    /** Writes a config under {@code dir} and starts influxd; returns once /ping answers 204. Killed at JVM exit. */
    public static InfluxdProcess start(Path dir) {
        return start(dir, true);
    }

    /** As {@link #start(Path)}; with {@code killAtJvmExit} false, only {@link #close()} stops it. */
    public static InfluxdProcess start(Path dir, boolean killAtJvmExit) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            int port = freePort();
            InfluxdProcess influxd = new InfluxdProcess(absolute, InfluxdConfig.write(absolute, port, freePort()), port);
            influxd.killAtJvmExit = killAtJvmExit;
            influxd.start();
            return influxd;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the influxd config under " + dir, e);
        }
    }

    /** Starts (again) on the same directories and port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("influxd pid=" + process.pid() + " on port " + port + " is already running");
        }
        Path log = logFile();
        long logStart = log.toFile().length();
        try {
            process = new ProcessBuilder(OwnSession.command(List.of(executable(), "run", "-config", config.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable(), e);
        }
        if (killAtJvmExit) {
            RUNNING.add(process);
        }
        paused = false;
        awaitPing(logStart);
    }

    private void awaitPing(long logStart) {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ping = HttpRequest.newBuilder(url().resolve("/ping")).timeout(Duration.ofSeconds(2)).GET().build();
        String last = "no answer";
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with status " + process.exitValue() + " while starting on port "
                        + port + "; " + logFile() + ":\n" + LogTail.since(logFile(), logStart));
            }
            try {
                int status = HTTP.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 204) {
                    return;
                }
                last = "status " + status;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd", e);
            }
            pauseBriefly();
        }
        kill();
        throw new IllegalStateException("influxd on port " + port + " did not answer /ping with 204 within "
                + START_TIMEOUT.toSeconds() + " s (last: " + last + "); " + logFile() + ":\n" + LogTail.since(logFile(), logStart));
    }

    /** SIGTERM and wait for a clean exit (SIGKILL after 30 s). No-op when not running. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        resume(); // a stopped process would not act on SIGTERM
        process.destroy();
        await(STOP_TIMEOUT);
        if (process.isAlive()) {
            kill();
        }
    }

    /** SIGKILL: a crash; the WAL holds whatever was acknowledged. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            await(STOP_TIMEOUT);
        }
        paused = false;
    }

    /** SIGSTOP: the server keeps its port open but answers nothing, like a hung backend. */
    public synchronized void pause() {
        signal("-STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        if (paused) {
            signal("-CONT");
            paused = false;
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return dir.resolve("influxd.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Runs InfluxQL (POST /query, epoch=ns) and returns the raw JSON body; fails on a non-200 status. */
    public String query(String db, String influxql) {
        return client.query(db, influxql);
    }

    /** POST /write with nanosecond precision; fails unless influxd answers 204. */
    public void write(String db, String lineProtocol) {
        client.write(db, lineProtocol);
    }

    public void createDatabase(String db) {
        client.createDatabase(db);
    }

    /** Every point of the database's default retention policy as sorted canonical lines (see {@link InfluxClient#dump}). */
    public List<String> dump(String db) {
        return client.dump(db);
    }

    /** Every point of retention policy {@code rp} of {@code db}. */
    public List<String> dump(String db, String rp) {
        return client.dump(db, rp);
    }

    /** Points in {@code measurement}; see {@link InfluxClient#count}. */
    public long count(String db, String measurement) {
        return client.count(db, measurement);
    }

    /** A client for this server's HTTP API. */
    public InfluxClient client() {
        return client;
    }

    @Override
    public void close() {
        stop();
    }

    private void signal(String signal) {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("influxd on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill " + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling influxd", e);
        }
    }

    private void await(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                RUNNING.remove(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** influxd from PATH, else /usr/bin/influxd. */
    static String executable() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "influxd");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/influxd"))) {
            return "/usr/bin/influxd";
        }
        throw new IllegalStateException("influxd not found: install it with `sudo apt-get install -y influxdb`");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for influxd", e);
        }
    }
}
