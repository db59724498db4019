package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two real influxd replicas and {@code influx-ha all} from the packaged jar (embedded broker),
 * started from an {@link AllInOneConfig} and ready once the gateway answers {@code /ping}.
 * Tests hold it in an {@code @AutoClose} field: JUnit closes it after each test and before it
 * deletes the test's {@code @TempDir}, where the replicas and influx-ha keep their data.
 */
final class AllInOne implements AutoCloseable {
    final InfluxdProcess a;
    final InfluxdProcess b;
    final InfluxHaProcess influxHa;
    final URI gateway;

    private AllInOne(InfluxdProcess a, InfluxdProcess b, InfluxHaProcess influxHa, URI gateway) {
        this.a = a;
        this.b = b;
        this.influxHa = influxHa;
        this.gateway = gateway;
    }

    /** Starts both replicas and {@code influx-ha all} with {@code config} (data dir, port and replica URLs filled in here). */
    static AllInOne start(Path dir, AllInOneConfig config) throws IOException {
        InfluxdProcess a = InfluxdProcess.start(dir.resolve("influxd-a"));
        InfluxdProcess b = InfluxdProcess.start(dir.resolve("influxd-b"));
        int port = freePort();
        Path file = config.write(dir, port, a.url(), b.url());
        InfluxHaProcess influxHa = InfluxHaProcess.start(dir.resolve("influx-ha.log"), "all", "-c", file.toString());
        AllInOne all = new AllInOne(a, b, influxHa, URI.create("http://127.0.0.1:" + port));
        GatewayClient probe = new GatewayClient(all.gateway);
        Await.until(Duration.ofSeconds(120), () -> probe.ping() || !influxHa.alive(), () -> "gateway to answer /ping");
        assertThat(influxHa.alive()).as("influx-ha all is running; log:\n%s", influxHa.logTail()).isTrue();
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {influxHa, a, b}) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }
}
