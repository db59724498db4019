package io.influxha.e2e;

import io.influxha.core.Bootstrap;
import io.influxha.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * influx-ha as separate processes from the packaged jar, as an operator runs it: {@code broker},
 * {@code router}, one {@code writer} per backend, and {@code gateway}, each with its own log under
 * {@code dir}. Stopped in the reverse order.
 */
final class SeparateRoles implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(120);

    private final Path dir;
    private final Path config;
    private final Map<String, InfluxHaProcess> roles = new LinkedHashMap<>();

    private SeparateRoles(Path dir, Path config) {
        this.dir = dir;
        this.config = config;
    }

    static SeparateRoles start(Path dir, Path config, Path dataDir, List<String> backends, GatewayClient client) {
        SeparateRoles r = new SeparateRoles(dir, config);
        r.add("broker", "broker");
        Path bootstrap = Bootstrap.file(dataDir);
        Await.until(START, () -> Files.exists(bootstrap) || !r.role("broker").alive(),
                () -> "the broker to write " + bootstrap + "; log:\n" + r.role("broker").logTail());
        r.requireAlive("broker");
        r.add("router", "router");
        for (String backend : backends) {
            r.add("writer-" + backend, "writer", "--backend", backend);
        }
        r.add("gateway", "gateway");
        r.awaitGateway(client);
        return r;
    }

    /** One more writer instance of {@code backend}: it shares the backend's group with the others. */
    void addWriter(String name, String backend) {
        add(name, "writer", "--backend", backend);
    }

    /** One more router instance with its own configuration (its own data_dir): it shares the router's application. */
    void addRouter(String name, Path routerConfig) {
        addWith(name, routerConfig, "router");
    }

    private void add(String name, String command, String... extra) {
        addWith(name, config, command, extra);
    }

    private void addWith(String name, Path config, String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-c", config.toString()));
        args.addAll(List.of(extra));
        if (command.equals("router") || command.equals("writer")) {
            // their own /health and /metrics listener: any free port, as several run on one host
            args.addAll(List.of("--listen", "127.0.0.1:0"));
        }
        roles.put(name, InfluxHaProcess.start(dir.resolve(name + ".log"), args.toArray(String[]::new)));
    }

    InfluxHaProcess role(String name) {
        InfluxHaProcess p = roles.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no role " + name + " (have " + roles.keySet() + ")");
        }
        return p;
    }

    void awaitGateway(GatewayClient client) {
        Await.until(START, () -> client.ping() || !role("gateway").alive(), () -> "the gateway to answer /ping");
        requireAlive("gateway");
    }

    void requireAlive(String name) {
        if (!role(name).alive()) {
            throw new AssertionError(name + " exited; log:\n" + role(name).logTail());
        }
    }

    /** Every role still running, or the first one that died with its log. */
    void requireAllAlive() {
        roles.keySet().forEach(this::requireAlive);
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(roles.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            try {
                roles.get(names.get(i)).close();
            } catch (RuntimeException | Error e) {
                System.err.println("cleanup of " + names.get(i) + ": " + e);
            }
        }
    }
}
