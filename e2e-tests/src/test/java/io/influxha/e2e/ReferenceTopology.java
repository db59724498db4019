package io.influxha.e2e;

import io.influxha.core.Bootstrap;
import io.influxha.core.KafkaCluster;
import io.influxha.core.LagReport;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.influxd.InfluxdProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reference test's system: influxd replicas a and b; influx-ha as separate processes (broker,
 * router, gateway, and two writers per backend, {@code writer-a}/{@code writer-a2} and
 * {@code writer-b}/{@code writer-b2}, each pair one consumer group); topic prefix {@code ref}, 3
 * partitions, shard {@code hot} owning {@code m1} and {@code main} the rest, both on a and b.
 * Failure detection is shortened as in the fault suite (a killed writer leaves its group after 6 s).
 */
final class ReferenceTopology implements AutoCloseable {
    static final String PREFIX = "ref";
    static final int PARTITIONS = 3;

    final InfluxdProcess a;
    final InfluxdProcess b;
    final SeparateRoles roles;
    final GatewayClient client;
    final URI gateway;
    private final Path dir;
    private final Path config;

    private ReferenceTopology(Path dir, Path config, InfluxdProcess a, InfluxdProcess b, SeparateRoles roles, URI gateway) {
        this.dir = dir;
        this.config = config;
        this.a = a;
        this.b = b;
        this.roles = roles;
        this.gateway = gateway;
        this.client = new GatewayClient(gateway);
    }

    static ReferenceTopology start(Path dir) throws IOException {
        InfluxdProcess a = InfluxdProcess.start(dir.resolve("influxd-a"));
        InfluxdProcess b = InfluxdProcess.start(dir.resolve("influxd-b"));
        int port = freePort();
        AllInOneConfig settings = FaultSuiteConfig.fastFailover(PREFIX, PARTITIONS).shard("hot", "[\"m1\"]");
        if (ReferenceFaults.EXTENDED) {
            // Requests given up on at 2 s stay fenced up to late_write_bound (5 s): the late answers
            // of the extended schedule then exercise the fence instead of falling outside it.
            settings.backendA("request_timeout: 2s").backendB("request_timeout: 2s");
        }
        Path config = settings.write(dir, port, a.url(), b.url());
        URI gateway = URI.create("http://127.0.0.1:" + port);
        SeparateRoles roles = SeparateRoles.start(dir, config, dir.resolve("data"), List.of("a", "b"), new GatewayClient(gateway));
        return new ReferenceTopology(dir, config, a, b, roles, gateway);
    }

    String bootstrap() {
        try {
            return Files.readString(Bootstrap.file(dir.resolve("data"))).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shard topic owning {@code measurement}. */
    static String topicOf(String measurement) {
        return PREFIX + ".shard." + (measurement.equals("m1") ? "hot" : "main");
    }

    static List<String> shardTopics() {
        return List.of(PREFIX + ".shard.hot", PREFIX + ".shard.main");
    }

    /** Empty when every writer group and the router have consumed everything (as {@code status} reports it), else what lags. */
    String lagging() {
        InfluxHaConfig c = ConfigLoader.load(config);
        try (LagReport report = LagReport.open(c, new KafkaCluster(bootstrap(), c.kafka()))) {
            List<String> lag = new ArrayList<>();
            for (LagReport.Row row : report.read()) {
                if (row.lagRecords() > 0) {
                    lag.add(row.consumer() + " " + row.partition() + " committed=" + row.committed() + " end=" + row.end());
                }
            }
            return String.join("; ", lag);
        }
    }

    /** The writers' log lines that explain a wait: barriers waiting, retries, errors (the last few of each). */
    String writerTrouble() {
        StringBuilder out = new StringBuilder();
        for (String w : List.of("writer-a", "writer-a2", "writer-b", "writer-b2")) {
            Path log = dir.resolve(w + ".log");
            if (!Files.exists(log)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(log)) {
                List<String> trouble = lines.filter(l -> l.contains("barrier_waiting") || l.contains(" ERROR ") || l.contains("WARN"))
                        .toList();
                trouble.subList(Math.max(0, trouble.size() - 4), trouble.size())
                        .forEach(l -> out.append("\n  ").append(w).append(": ").append(l.length() > 400 ? l.substring(0, 400) + "..." : l));
            } catch (IOException e) {
                out.append("\n  ").append(w).append(": unreadable log ").append(e);
            }
        }
        return out.toString();
    }

    /** Restarts whatever the faults left stopped: every role and both replicas run again. */
    void restoreAll() {
        for (Map.Entry<String, String> w : Map.of("writer-a", "a", "writer-a2", "a", "writer-b", "b", "writer-b2", "b").entrySet()) {
            if (!roles.role(w.getKey()).alive()) {
                roles.role(w.getKey()).start();
            }
        }
        if (!b.isRunning()) {
            b.start();
        }
        roles.requireAllAlive();
    }

    /**
     * Kills the roles but the broker (kill -9: the run is over and its logs and data are what is kept; a writer
     * held at a barrier or retrying takes tens of seconds to honour SIGTERM), then stops the broker and
     * both replicas.
     */
    @Override
    public void close() {
        for (String role : List.of("gateway", "writer-b2", "writer-a2", "writer-b", "writer-a", "router")) {
            try {
                roles.role(role).kill();
            } catch (RuntimeException e) {
                // never started (the run failed early)
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {roles, a, b}) {
            try {
                c.close();
            } catch (Exception | Error e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
