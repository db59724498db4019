package io.influxha.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package, 2.42) on a free loopback port with its
 * own data dir and a config the test writes; its log is in {@code dir/prometheus.log}.
 * {@code timeout} bounds its life to 5 minutes should the JVM die without closing it, and
 * {@link #close} stops it by pid.
 */
public final class PrometheusProcess implements AutoCloseable {
    /** Why a test that needs Prometheus cannot run. */
    public static final String MISSING = "no prometheus binary on PATH: install Debian's prometheus package "
            + "(scripts/install-influxdb does) to run this test";

    private final int port;
    private final Path dir;
    private final Process process;

    private PrometheusProcess(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** The {@code prometheus} executable on PATH or in /usr/bin, if any. */
    public static Optional<Path> binary() {
        return RequiredTool.find("prometheus", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** The {@code prometheus} executable; without it the test is skipped, or fails in CI ({@link RequiredTool}). */
    public static Path required() {
        return RequiredTool.require("prometheus", "prometheus");
    }

    /**
     * A config that scrapes this Prometheus itself every second under {@code job} and
     * remote-writes the samples to {@code remoteWriteUrl}, sending a batch at least every second.
     */
    public static String scrapingItself(String job, String remoteWriteUrl) {
        return """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: JOB
                    static_configs:
                      - targets: ['127.0.0.1:%1$d']
                remote_write:
                  - url: URL
                    queue_config:
                      batch_send_deadline: 1s
                """.replace("JOB", job).replace("URL", remoteWriteUrl);
    }

    /** Starts Prometheus in {@code dir} (created if missing) with {@code config}, in which {@code %1$d} is replaced by its own port. */
    public static PrometheusProcess start(Path binary, Path dir, String config) throws IOException {
        int port = freePort();
        Files.createDirectories(dir);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config.replace("%1$d", Integer.toString(port)));
        Process process = new ProcessBuilder("timeout", "-k", "5", "300", binary.toString(), "--config.file=" + file,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusProcess(port, dir, process);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The loopback port of its web API. */
    public int port() {
        return port;
    }

    /** The last 20 lines of its log, for failure messages. */
    public String logTail() {
        try {
            List<String> all = Files.readAllLines(dir.resolve("prometheus.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** SIGTERM to {@code timeout}, which passes it on to Prometheus; SIGKILL to both if they outlast 20 s. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
