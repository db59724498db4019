package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.Bootstrap;
import io.influxha.testkit.Await;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 2 on real processes: {@code influx-ha all} (embedded broker) lists every role in
 * its {@code /health} and {@code influxha_role_up}; {@code router} and {@code writer} processes
 * started beside it serve their own {@code /health} and {@code /metrics}, which
 * {@code influx-ha health} probes; and when a role of {@code all} fails for real (its broker child
 * is killed with SIGKILL) the others stop and the process exits 1. The backends point at closed
 * ports: a backend that is down is not a failure, and no influxd is needed. One {@code all} for
 * the class, killed by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Pattern LISTENING = Pattern.compile("event=listening role=(\\w+) address=(\\S+)");

    @TempDir
    static Path dir;
    static Path config;
    static InfluxHaProcess all;
    static URI gateway;

    @BeforeAll
    static void startAll() throws IOException {
        int port = freePort();
        config = Files.writeString(dir.resolve("influx-ha.yaml"), """
                data_dir: %s
                kafka:
                  topic_prefix: supervision
                  partitions: 2
                gateway:
                  listen: 127.0.0.1:%d
                backends:
                  - name: a
                    url: http://127.0.0.1:%d
                  - name: b
                    url: http://127.0.0.1:%d
                shards:
                  - name: main
                    replicas: [a, b]
                    measurements: ["*"]
                """.formatted(dir.resolve("data"), port, freePort(), freePort()));
        gateway = URI.create("http://127.0.0.1:" + port);
        long t0 = System.nanoTime();
        all = InfluxHaProcess.start(dir.resolve("all.log"), "all", "-c", config.toString());
        Await.until(START, () -> get(gateway.resolve("/ping")).map(r -> r.statusCode() == 204).orElse(false) || !all.alive(),
                () -> "the gateway of all to answer /ping");
        assertThat(all.alive()).as("all runs; log:\n%s", all.logTail()).isTrue();
        System.out.printf("SupervisionIT: all answered /ping %d ms after its start%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stopAll() {
        if (all != null) {
            all.close();
        }
    }

    @Test
    @Order(1)
    void the_gateway_of_all_lists_every_role_of_its_process_in_health_and_role_up() {
        HttpResponse<String> health = get(gateway.resolve("/health")).orElseThrow();
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        for (String role : new String[] {"role broker", "role router", "role writer-a", "role writer-b", "role gateway"}) {
            assertThat(health.body()).contains("{\"message\":\"running\",\"name\":\"" + role + "\",\"status\":\"pass\"}");
        }
        assertThat(get(gateway.resolve("/metrics")).orElseThrow().body()).contains(
                "influxha_role_up{name=\"broker\",role=\"broker\"} 1.0",
                "influxha_role_up{name=\"router\",role=\"router\"} 1.0",
                "influxha_role_up{name=\"a\",role=\"writer\"} 1.0",
                "influxha_role_up{name=\"b\",role=\"writer\"} 1.0",
                "influxha_role_up{name=\"gateway\",role=\"gateway\"} 1.0");
    }

    @Test
    @Order(2)
    void router_and_writer_processes_serve_health_and_metrics_that_the_health_command_probes() throws IOException {
        assertThat(Files.exists(Bootstrap.file(dir.resolve("data")))).as("all wrote the broker's address").isTrue();
        // all's broker, topics of their own: no rebalance with all's router and writers to wait for
        Path own = Files.writeString(dir.resolve("own.yaml"), Files.readString(config).replace("topic_prefix: supervision", "topic_prefix: own"));
        try (InfluxHaProcess router = InfluxHaProcess.start(dir.resolve("router.log"), "router", "-c", own.toString(),
                "--listen", "127.0.0.1:0");
                InfluxHaProcess writer = InfluxHaProcess.start(dir.resolve("writer.log"), "writer", "-c", own.toString(),
                        "--backend", "a", "--listen", "127.0.0.1:0")) {
            long t0 = System.nanoTime();
            URI routerUri = listening(router, "router");
            URI writerUri = listening(writer, "writer");
            awaitPass(routerUri, "role router", router);
            awaitPass(writerUri, "role writer-a", writer);
            long t1 = System.nanoTime();

            HttpResponse<String> metrics = get(routerUri.resolve("/metrics")).orElseThrow();
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.body()).contains("influxha_role_up{name=\"router\",role=\"router\"} 1.0");
            assertThat(get(writerUri.resolve("/metrics")).orElseThrow().body()).contains("influxha_role_up{name=\"a\",role=\"writer\"} 1.0");

            assertThat(MetricsCheck.problems(metrics.body(), Path.of("..", "docs", "metrics.md"))).as("router's /metrics").isEmpty();

            int closed = freePort();
            // both probes at once: each is a JVM start
            CompletableFuture<InfluxHaProcess.Finished> refusedLater = CompletableFuture.supplyAsync(() -> InfluxHaProcess.run(
                    dir.resolve("health-closed.log"), Duration.ofSeconds(30), "health", "--timeout", "2s", "http://127.0.0.1:" + closed));
            InfluxHaProcess.Finished probe = InfluxHaProcess.run(dir.resolve("health-writer.log"), Duration.ofSeconds(30),
                    "health", writerUri.getAuthority());
            assertThat(probe.exitCode()).as(probe.output()).isZero();
            assertThat(probe.output()).contains("influx-ha health: " + writerUri.resolve("/health") + ": pass");
            InfluxHaProcess.Finished refused = refusedLater.join();
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("influx-ha health: http://127.0.0.1:" + closed + "/health: cannot connect: ");

            long t2 = System.nanoTime();
            // on SIGTERM the JVM exits 143 whatever call() returns: a stop taken for a failure shows only in the log
            assertThat(router.stop(Duration.ofSeconds(60))).as("router exit code after SIGTERM").isIn(0, 143);
            assertThat(writer.stop(Duration.ofSeconds(60))).as("writer exit code after SIGTERM").isIn(0, 143);
            assertThat(router.logLines("event=role_failed")).as("router's role failures on a clean SIGTERM").isEmpty();
            assertThat(writer.logLines("event=role_failed")).as("writer's role failures on a clean SIGTERM").isEmpty();
            // their last lines are in the logs, so a role_failed line would be too
            assertThat(router.logLines("event=router_closed clean=true")).as("router's clean stop logged").hasSize(1);
            assertThat(writer.logLines("event=writer_stopped backend=a")).as("writer's stop logged").hasSize(1);
            System.out.printf("SupervisionIT: router and writer passing after %d ms, probes %d ms, SIGTERM to exit %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
    }

    @Test
    @Order(3)
    void when_its_broker_dies_all_stops_every_other_role_and_exits_1() throws IOException {
        ProcessHandle broker = ProcessHandle.of(all.pid()).orElseThrow().children()
                .filter(p -> p.info().commandLine().orElse("").contains("BrokerProcessMain")).findFirst()
                .orElseThrow(() -> new AssertionError("no embedded broker child of pid " + all.pid()));

        long killed = System.nanoTime();
        broker.destroyForcibly();
        int exit = all.awaitExit(Duration.ofSeconds(90));
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("SupervisionIT: all exited %d, %d ms after its broker child was killed%n", exit, tookMillis);

        String log = Files.readString(dir.resolve("all.log"));
        assertThat(exit).as("exit code; log:\n%s", all.logTail()).isEqualTo(1);
        assertThat(log).contains("event=role_failed role=broker name=broker reason=\"embedded broker process pid " + broker.pid()
                + " exited with code 137\" action=stop_process exit_code=1");
        String after = log.substring(log.indexOf("event=role_failed"));
        assertThat(after).contains("event=gateway_stopped", "event=router_closed", "event=stopped_after_role_failure role=broker");
        for (String backend : new String[] {"a", "b"}) {
            // without a broker a writer cannot commit: it stops, or is left to the exit once the 10 s budget is spent
            assertThat(after).containsAnyOf("event=writer_stopped backend=" + backend, "event=stop_timeout role=writer-" + backend,
                    "event=stop_skipped role=writer-" + backend);
        }
        assertThat(tookMillis).as("stop budget without a broker (10 s) plus the JVM's exit").isLessThan(20_000);
    }

    private static URI listening(InfluxHaProcess role, String name) {
        Path log = dir.resolve(name + ".log");
        String address = Await.value(START, () -> {
            Matcher m = LISTENING.matcher(read(log));
            return m.find() && m.group(1).equals(name) ? m.group(2) : null;
        }, a -> a != null || !role.alive(), () -> name + " to log event=listening");
        assertThat(address).as("%s listens; log:\n%s", name, role.logTail()).isNotNull();
        return URI.create("http://" + address);
    }

    private static void awaitPass(URI role, String check, InfluxHaProcess process) {
        Await.until(START, () -> get(role.resolve("/health"))
                .map(r -> r.statusCode() == 200 && r.body().contains("\"name\":\"" + check + "\",\"status\":\"pass\"")).orElse(false)
                || !process.alive(), () -> check + " to pass on " + role + "/health");
        assertThat(process.alive()).as("%s runs; log:\n%s", check, process.logTail()).isTrue();
    }

    private static Optional<HttpResponse<String>> get(URI uri) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
