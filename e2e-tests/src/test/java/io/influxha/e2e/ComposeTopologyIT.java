package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.broker.ThreeBrokers;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.e2e.ComposeFile.Service;
import io.influxha.e2e.ComposeTopology.FeatureChange;
import io.influxha.e2e.ComposeTopology.Kind;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import io.influxha.testkit.PrometheusProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the compose files describe is what runs here (issue 15, item 4). {@code docker-compose
 * config} resolves a file; {@link ComposeTopology} turns each service into a process on loopback:
 * the brokers into the three-broker fixture (their settings checked against it), the
 * {@code kafka-features} one-shot into the same feature update through the Admin API, each InfluxDB
 * into a real influxd, each influx-ha service into the packaged jar run with the service's command,
 * environment and mounted configuration (hosts and ports re-pointed through the configuration's
 * {@code ${VAR:-default}} references), Prometheus into a real prometheus with the file's targets
 * re-pointed. Grafana and Telegraf are listed as not run, with the reason.
 */
class ComposeTopologyIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration LAND = Duration.ofSeconds(60);
    /** The gateway's container port: the InfluxDB API, its /health and /metrics. */
    private static final int GATEWAY_PORT = 8086;
    private static final int INFLUXDB_PORT = 8086;
    private static final String DB = "compose";
    private static final int POINTS_PER_GATEWAY = 200;
    /**
     * Eight role JVMs and three brokers start at once on a CI machine of two cores: the roles run
     * with the client compiler only and the serial collector, which cuts their start-up CPU. What
     * is checked here is the topology, not throughput.
     */
    private static final String ROLE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** Closed in reverse: influx-ha processes, Prometheus, influxd, then the brokers. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @AfterEach
    void stop() {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception | Error e) {
                System.err.println("cleanup of " + c + ": " + e);
            }
        }
    }

    @Test
    void the_cluster_file_runs_as_written_writes_through_every_gateway_reach_both_replicas_and_prometheus_scrapes_every_role()
            throws Exception {
        long t0 = System.nanoTime();
        ComposeTopology compose = new ComposeTopology(ComposeFile.services(ROOT, "docker-compose.cluster.yml"));
        assertThat(compose.all(Kind.NOT_RUN)).extracting(Service::name).containsExactlyInAnyOrder("grafana", "telegraf");
        List<Service> brokers = compose.brokers();
        checkBrokersAreTheFixture(brokers);

        ThreeBrokers cluster = ThreeBrokers.start(dir.resolve("kafka"), START);
        running.push(cluster);
        String[] nodes = cluster.bootstrapServers().split(",");
        for (int i = 0; i < brokers.size(); i++) {
            compose.mapBroker(brokers.get(i), nodes[i]);
        }
        for (Service oneShot : compose.all(Kind.FEATURES)) {
            runFeatureChange(cluster, ComposeTopology.featureChange(oneShot));
        }
        Map<String, InfluxdProcess> replicas = new LinkedHashMap<>();
        for (Service s : compose.all(Kind.INFLUXDB)) {
            assertThat(s.environment()).as("%s: the index InfluxdProcess runs", s.name()).containsEntry("INFLUXDB_DATA_INDEX_VERSION", "tsi1");
            InfluxdProcess influxd = InfluxdProcess.start(dir.resolve(s.name()));
            running.push(influxd);
            replicas.put(s.name(), influxd);
            compose.map(s.name(), INFLUXDB_PORT, "127.0.0.1:" + influxd.port());
        }
        Map<String, InfluxHaProcess> roles = startRoles(compose);
        List<GatewayClient> gateways = awaitGateways(compose, roles);
        long upMs = msSince(t0);

        Service prometheusService = compose.all(Kind.PROMETHEUS).get(0);
        PrometheusProcess prometheus = startPrometheus(compose, prometheusService);
        running.push(prometheus);

        gateways.get(0).query("CREATE DATABASE " + DB);
        long base = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(1);
        for (int g = 0; g < gateways.size(); g++) {
            gateways.get(g).writeAcknowledged(DB, "ns", points("gateway-" + (g + 1), base + g), Duration.ofSeconds(30));
        }
        long total = (long) POINTS_PER_GATEWAY * gateways.size();
        for (InfluxdProcess r : replicas.values()) {
            Await.until(LAND, () -> r.count(DB, "compose") == total,
                    () -> total + " points in " + r.url() + ", saw " + r.count(DB, "compose") + "; logs in " + dir);
        }
        List<InfluxdProcess> both = new ArrayList<>(replicas.values());
        assertThat(both.get(1).dump(DB)).as("replica %s equals %s", both.get(1).url(), both.get(0).url())
                .isEqualTo(both.get(0).dump(DB)).hasSize((int) total);
        long landedMs = msSince(t0);

        JsonNode targets = Await.value(LAND, () -> get(prometheus, "/api/v1/targets?state=active").path("data").path("activeTargets"),
                t -> t.size() > 0 && Stream.of(toArray(t)).allMatch(x -> "up".equals(x.path("health").asText())),
                () -> "every Prometheus target up; prometheus log:\n" + prometheus.logTail());
        assertThat(targets.size()).as("one target per gateway, router and writer").isEqualTo(roles.size());
        if (Files.exists(ComposeTopology.prometheusConfig(prometheusService).resolveSibling("alerts.yml"))) {
            assertThat(get(prometheus, "/api/v1/rules").path("data").path("groups").size())
                    .as("alert rule groups Prometheus loaded from alerts.yml beside its configuration").isPositive();
        }
        Set<String> expected = deployedMetricNames();
        Set<String> missing = Await.value(LAND, () -> missing(prometheus, expected), Set::isEmpty,
                () -> "every metric the alert rules and the dashboard use in Prometheus");
        assertThat(missing).isEmpty();
        roles.forEach((name, p) -> assertThat(p.alive()).as("%s still running; log:\n%s", name, p.logTail()).isTrue());
        System.out.printf("compose_topology services=%d processes=%d roles_up_ms=%d landed_ms=%d scraped_ms=%d targets=%d metric_names=%d%n",
                compose.services.size(), roles.size(), upMs, landedMs, msSince(t0), targets.size(), expected.size());
    }

    @Test
    void the_single_broker_file_maps_every_service_and_each_role_loads_its_configuration() throws Exception {
        ComposeTopology compose = new ComposeTopology(ComposeFile.services(ROOT, "docker-compose.yml"));
        assertThat(compose.all(Kind.NOT_RUN)).extracting(Service::name).containsExactlyInAnyOrder("grafana", "telegraf");
        assertThat(compose.brokers()).hasSize(1);
        assertThat(imageVersion(compose.brokers().get(0))).as("broker image = clients").isEqualTo(AppInfoParser.getVersion());
        compose.mapBroker(compose.brokers().get(0), "127.0.0.1:19092");
        assertThat(compose.all(Kind.FEATURES)).extracting(ComposeTopology::featureChange)
                .as("eligible leader replicas off on one broker (docs/delivery-guarantees.md)")
                .containsExactly(new FeatureChange("eligible.leader.replicas.version", (short) 0, true));
        int port = 18086;
        for (Service s : compose.all(Kind.INFLUXDB)) {
            compose.map(s.name(), INFLUXDB_PORT, "127.0.0.1:" + port++);
        }
        int[] next = {20000};
        for (Service s : compose.all(Kind.INFLUX_HA)) {
            Map<String, String> env = compose.environment(s, () -> next[0]++, dir.resolve(s.name()));
            InfluxHaConfig config = ConfigLoader.parse(Files.readString(ComposeTopology.configFile(s)), env::get, dir);
            assertThat(config.kafka().bootstrapServers()).as(s.name()).isEqualTo("127.0.0.1:19092");
            assertThat(config.backends()).extracting(b -> b.url().toString()).as(s.name())
                    .containsExactly("http://127.0.0.1:18086", "http://127.0.0.1:18087");
        }
        String prometheus = compose.prometheusConfigHere(compose.all(Kind.PROMETHEUS).get(0), "1s");
        assertThat(prometheus).contains("127.0.0.1:").doesNotContain("gateway:", "router:", "writer-");
    }

    /** Three brokers, three copies, two in sync, as {@link ThreeBrokers} runs them; the image on the clients' Kafka version. */
    private static void checkBrokersAreTheFixture(List<Service> brokers) {
        assertThat(brokers).hasSize(ThreeBrokers.NODES);
        for (Service b : brokers) {
            assertThat(imageVersion(b)).as("%s: broker image = kafka-clients version", b.name()).isEqualTo(AppInfoParser.getVersion());
            assertThat(b.environment()).as(b.name())
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3").containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data").containsKey("CLUSTER_ID");
        }
    }

    private static String imageVersion(Service s) {
        return s.image().substring(s.image().indexOf(':') + 1);
    }

    /** What the one-shot's {@code kafka-features.sh} does, through the same Admin call, and its result checked. */
    private static void runFeatureChange(ThreeBrokers cluster, FeatureChange change) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.updateFeatures(Map.of(change.feature(), new FeatureUpdate(change.level(),
                    change.downgrade() ? FeatureUpdate.UpgradeType.SAFE_DOWNGRADE : FeatureUpdate.UpgradeType.UPGRADE)),
                    new UpdateFeaturesOptions()).all().get(30, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(30), () -> finalizedLevel(admin, change.feature()) == change.level(),
                    () -> change.feature() + " finalized at " + change.level());
        }
    }

    private static short finalizedLevel(Admin admin, String feature) {
        try {
            var level = admin.describeFeatures().featureMetadata().get(10, TimeUnit.SECONDS).finalizedFeatures().get(feature);
            return level == null ? 0 : level.maxVersionLevel();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, InfluxHaProcess> startRoles(ComposeTopology compose) throws IOException {
        Map<String, InfluxHaProcess> roles = new LinkedHashMap<>();
        for (Service s : compose.all(Kind.INFLUX_HA)) {
            Map<String, String> env = compose.environment(s, ComposeTopologyIT::freePort, dir.resolve(s.name()));
            env.put("JAVA_TOOL_OPTIONS", ROLE_JVM_OPTIONS);
            InfluxHaProcess p = InfluxHaProcess.start(dir.resolve(s.name() + ".log"), env,
                    ComposeTopology.arguments(s).toArray(String[]::new));
            running.push(p);
            roles.put(s.name(), p);
        }
        return roles;
    }

    private static List<GatewayClient> awaitGateways(ComposeTopology compose, Map<String, InfluxHaProcess> roles) {
        List<GatewayClient> clients = new ArrayList<>();
        for (Service s : compose.all(Kind.INFLUX_HA)) {
            if (s.command().get(0).equals("gateway")) {
                GatewayClient client = new GatewayClient(URI.create("http://" + compose.addresses.get(s.name() + ":" + GATEWAY_PORT)));
                InfluxHaProcess p = roles.get(s.name());
                Await.until(START, () -> client.ping() || !p.alive(), () -> s.name() + " to answer /ping");
                assertThat(p.alive()).as("%s exited; log:\n%s", s.name(), p.logTail()).isTrue();
                clients.add(client);
            }
        }
        assertThat(clients).as("gateways").isNotEmpty();
        return clients;
    }

    /** The compose file's Prometheus configuration, its targets re-pointed, with the files beside it (alerts.yml). */
    private PrometheusProcess startPrometheus(ComposeTopology compose, Service s) throws IOException {
        Path binary = PrometheusProcess.binary().orElseThrow(() -> new AssertionError(PrometheusProcess.MISSING));
        Path config = ComposeTopology.prometheusConfig(s);
        Path here = Files.createDirectories(dir.resolve("prometheus"));
        try (Stream<Path> beside = Files.list(config.getParent())) {
            for (Path f : beside.filter(Files::isRegularFile).toList()) {
                Files.copy(f, here.resolve(f.getFileName()));
            }
        }
        return PrometheusProcess.start(binary, here, compose.prometheusConfigHere(s, "1s"));
    }

    private static String points(String gateway, long base) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < POINTS_PER_GATEWAY; i++) {
            body.append("compose,gateway=").append(gateway).append(",n=").append(i % 7)
                    .append(" value=").append(i).append("i ").append(base + i * 1000L).append('\n');
        }
        return body.toString();
    }

    /** Every metric name deploy/'s alert rules and dashboard use. */
    private static Set<String> deployedMetricNames() throws java.io.IOException {
        return DeployedMetrics.names(ROOT);
    }

    private static Set<String> missing(PrometheusProcess prometheus, Set<String> expected) {
        Set<String> have = new TreeSet<>();
        get(prometheus, "/api/v1/label/__name__/values").path("data").forEach(n -> have.add(n.asText()));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(have);
        return missing;
    }

    private static JsonNode get(PrometheusProcess prometheus, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheus.port() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on prometheus: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode[] toArray(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.toArray(JsonNode[]::new);
    }

    private static long msSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
