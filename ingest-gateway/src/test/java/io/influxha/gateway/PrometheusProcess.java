package io.influxha.gateway;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package, 2.42) on a free loopback port with its
 * own data dir and a config the test writes; its log is in {@code dir/prometheus.log}.
 */
final class PrometheusProcess implements AutoCloseable {
    final int port;
    private final Path dir;
    private final Process process;

    private PrometheusProcess(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin"))
                .map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    static final String MISSING = "no prometheus binary on PATH: install Debian's prometheus package "
            + "(scripts/install-influxdb does) to run this test";

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts Prometheus with {@code config}, in which {@code %1$d} is replaced by its own port. */
    static PrometheusProcess start(Path binary, Path dir, String config) throws IOException {
        int port = freePort();
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config.replace("%1$d", Integer.toString(port)));
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + file,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusProcess(port, dir, process);
    }

    String logTail() {
        try {
            List<String> all = Files.readAllLines(dir.resolve("prometheus.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
