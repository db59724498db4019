package io.influxha.e2e;

import io.influxha.influxd.InfluxdProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee measured (issue 4, item 5): roles as separate processes from the packaged
 * jar, two real influxd, a steady load that retries what was not acknowledged, and in turn a
 * kill -9 of a writer, the router, the gateway, the broker (restarted on the same data), one
 * backend, and a SIGSTOP of the other backend. After each fault and its recovery, every
 * acknowledged point is in both replicas, once, and both replicas have the same count and content
 * checksum per measurement. Prints the figures.
 */
class FaultSuiteIT {
    /** Kept when the suite fails: the roles' logs and data are what explains a failure. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private InfluxdProcess a;
    private InfluxdProcess b;
    private SeparateRoles roles;
    private GatewayClient client;
    private SteadyLoad load;
    private FaultSteps steps;
    private Path config;
    private final List<String> figures = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        a = InfluxdProcess.start(dir.resolve("influxd-a"));
        b = InfluxdProcess.start(dir.resolve("influxd-b"));
        int port = freePort();
        config = FaultSuiteConfig.write(dir, port, a.url(), b.url());
        client = new GatewayClient(URI.create("http://127.0.0.1:" + port));
        roles = SeparateRoles.start(dir, config, dir.resolve("data"), List.of("a", "b"), client);
        client.query("CREATE DATABASE " + SteadyLoad.DB);
        long base = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(3);
        load = new SteadyLoad(client, base, 10);
        load.start();
        steps = new FaultSteps(dir, load, a, b);
    }

    @AfterEach
    void stop() throws Exception {
        if (load != null) {
            load.close();
        }
        FaultSteps.closeAll(roles, a, b);
        figures.forEach(System.out::println);
    }

    @Test
    void every_acknowledged_point_reaches_both_replicas_once_through_every_fault() throws Exception {
        long suiteStart = System.nanoTime();
        awaitProgress(10);
        fault("kill -9 writer-a", () -> roles.role("writer-a").kill(), batchesAcknowledged(25),
                () -> roles.role("writer-a").start());
        // Two instances share backend b's group: a kill -9 of one moves its partitions to the other
        // (a rebalance after an abrupt death must not commit what was not written).
        roles.addWriter("writer-b2", "b");
        fault("kill -9 writer-b while writer-b2 shares its group", () -> roles.role("writer-b").kill(), visibleAgain(),
                () -> roles.role("writer-b").start());
        fault("kill -9 router", () -> roles.role("router").kill(), batchesAcknowledged(25),
                () -> roles.role("router").start());
        // A second router (its own data_dir) shares the application: a kill -9 of the first moves its
        // tasks to the second, and the writers wait for the dead router's open transaction to be aborted.
        roles.addRouter("router-2", secondRouterConfig());
        fault("kill -9 router while router-2 shares its application", () -> roles.role("router").kill(), visibleAgain(),
                () -> roles.role("router").start());
        fault("kill -9 gateway", () -> roles.role("gateway").kill(), attemptsFailed(3), () -> {
            roles.role("gateway").start();
            roles.awaitGateway(client);
        });
        fault("kill -9 broker", () -> roles.role("broker").kill(), attemptsFailed(3),
                () -> roles.role("broker").start());
        fault("kill -9 influxd-b", b::kill, batchesAcknowledged(25), b::start);
        fault("SIGSTOP influxd-a", a::pause, batchesAcknowledged(50), a::resume);
        roles.requireAllAlive();
        load.close();
        OperationsCheck operations = new OperationsCheck(dir, config, client, List.of(a, b));
        operations.poisonPointIsIsolatedListedAndReplayed();
        operations.statusShowsEveryWriterCaughtUp();
        figures.add(String.format("fault-suite total: points_acknowledged=%d batches=%d failed_attempts=%d faults=%d seconds=%d",
                load.acknowledgedUpTo() + 1, load.acknowledgedBatches(), load.failedAttempts(), 8,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - suiteStart)));
    }

    /** Injects a fault, lets it last until {@code over}, recovers, checks both replicas, and keeps the figures. */
    private void fault(String name, Runnable inject, BooleanSupplier over, Runnable recover) {
        FaultSteps.Figures f = steps.fault(name, inject, over, recover);
        figures.add(String.format("fault-suite %-18s points_acknowledged=%d (+%d) fault_ms=%d converge_ms=%d checksums=%s",
                f.name(), f.pointsAcknowledged(), f.pointsAdded(), f.faultMs(), f.convergeMs(), f.checksums()));
    }

    private void awaitProgress(int batches) {
        steps.awaitProgress(batches);
    }

    private BooleanSupplier visibleAgain() {
        return steps.visibleAgain();
    }

    /** The second router's configuration: the suite's, with its own data_dir and the running broker's address. */
    private Path secondRouterConfig() throws IOException {
        String bootstrap = java.nio.file.Files.readString(io.influxha.core.Bootstrap.file(dir.resolve("data"))).strip();
        String yaml = java.nio.file.Files.readString(config)
                .replace("data_dir: " + dir.resolve("data") + "\n", "data_dir: " + dir.resolve("data-router-2") + "\n")
                .replace("kafka:\n", "kafka:\n  bootstrap_servers: " + bootstrap
                        + "\n  replication_factor: 1\n  min_insync_replicas: 1\n  allow_single_replica: true\n");
        return java.nio.file.Files.writeString(dir.resolve("router-2.yaml"), yaml);
    }

    private BooleanSupplier batchesAcknowledged(int n) {
        return steps.batchesAcknowledged(n);
    }

    private BooleanSupplier attemptsFailed(int n) {
        return steps.attemptsFailed(n);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
