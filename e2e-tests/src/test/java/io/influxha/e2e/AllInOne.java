package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two real influxd replicas and {@code influx-ha all} from the packaged jar (embedded broker),
 * started from a configuration template and ready once the gateway answers {@code /ping}.
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

    /**
     * @param configTemplate YAML in which {@code %1$s} is the data dir, {@code %2$d} the gateway's
     *     port, {@code %3$s} and {@code %4$s} the URLs of replicas a and b
     */
    static AllInOne start(Path dir, String configTemplate) throws IOException {
        InfluxdProcess a = InfluxdProcess.start(dir.resolve("influxd-a"));
        InfluxdProcess b = InfluxdProcess.start(dir.resolve("influxd-b"));
        int port = freePort();
        Path config = dir.resolve("influx-ha.yaml");
        Files.writeString(config, configTemplate.formatted(dir.resolve("data"), port, a.url(), b.url()));
        InfluxHaProcess influxHa = InfluxHaProcess.start(dir.resolve("influx-ha.log"), "all", "-c", config.toString());
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
