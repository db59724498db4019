package io.influxha.broker;

import io.influxha.core.OwnSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A three-node KRaft cluster on loopback for tests: three child JVMs, each broker and controller
 * ({@link ClusterNode}), each with its own data dir under {@code dir/node-N} and its log in
 * {@code dir/node-N.log}. Ports are picked once and kept across restarts, since the static
 * quorum names them. Nodes can be killed, stopped (SIGTERM), paused (SIGSTOP), resumed and
 * restarted on their data. Exercised whole by ClusterFaultSuiteIT (e2e-tests): leader and
 * controller kills, a pause, a rolling restart, each followed by full ISR on every topic.
 */
public final class ThreeBrokers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ThreeBrokers.class);
    public static final int NODES = 3;
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path dir;
    private final String clusterId = Uuid.randomUuid().toString();
    private final List<Integer> brokerPorts = new ArrayList<>();
    private final List<Integer> controllerPorts = new ArrayList<>();
    private final Process[] processes = new Process[NODES + 1];
    private final Duration timeout;

    private ThreeBrokers(Path dir, Duration timeout) {
        this.dir = dir;
        this.timeout = timeout;
    }

    /** Starts the three nodes and returns once the cluster has three registered brokers. */
    public static ThreeBrokers start(Path dir, Duration timeout) {
        ThreeBrokers cluster = new ThreeBrokers(dir.toAbsolutePath().normalize(), timeout);
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        while (picked.size() < 2 * NODES) {
            picked.add(FreePort.pick());
        }
        List<Integer> ports = new ArrayList<>(picked);
        cluster.brokerPorts.addAll(ports.subList(0, NODES));
        cluster.controllerPorts.addAll(ports.subList(NODES, 2 * NODES));
        try {
            for (int node = 1; node <= NODES; node++) {
                cluster.launch(node);
            }
            for (int node = 1; node <= NODES; node++) {
                cluster.awaitReady(node, Deadline.after(timeout));
            }
            Readiness.awaitCluster(cluster.bootstrapServers(), Deadline.after(timeout), () -> true, "three-broker cluster in " + dir);
            cluster.awaitBrokers(NODES, Deadline.after(timeout));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node's {@code host:port}. */
    public String bootstrapServers() {
        return brokerPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public long pid(int node) {
        return processes[node].pid();
    }

    public Path logFile(int node) {
        return dir.resolve("node-" + node + ".log");
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill9(int node) {
        Process p = processes[node];
        p.destroyForcibly();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + node + " (pid " + p.pid() + ") still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: a controlled shutdown (leaderships moved, logs closed clean); waits until the process is gone. */
    public void stop(int node) {
        Process p = processes[node];
        p.destroy();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + node + " (pid " + p.pid() + ") still alive " + timeout + " after SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGSTOP: the node stops answering but keeps its sockets. */
    public void pause(int node) {
        signal(node, "STOP");
    }

    /** SIGCONT. */
    public void resume(int node) {
        signal(node, "CONT");
    }

    /** Starts a node that was killed or stopped again, on its data and its ports, and waits until it serves. */
    public void restart(int node) {
        if (processes[node] != null && processes[node].isAlive()) {
            throw new IllegalStateException("node " + node + " is still running");
        }
        try {
            Files.deleteIfExists(dir.resolve("node-" + node).resolve(ClusterNode.READY_FILE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        launch(node);
        awaitReady(node, Deadline.after(timeout));
        awaitBrokers(NODES, Deadline.after(timeout));
    }

    /** The leader of a partition, as the cluster reports it now; -1 when it has none. */
    public int leader(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            var leader = d.partitions().get(partition).leader();
            return leader == null ? -1 : leader.id();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
        }
    }

    /** The node that is the active controller now. */
    public int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum: " + e, e);
        }
    }

    /** Waits until every partition of {@code topic} has all three replicas in sync. */
    public void awaitFullIsr(String topic) {
        awaitFullIsr(List.of(topic));
    }

    /** Waits until every partition of every one of {@code topics} has all three replicas in sync; one admin client asks for all. */
    public void awaitFullIsr(java.util.Collection<String> topics) {
        Deadline deadline = Deadline.after(timeout);
        String behind = String.valueOf(topics);
        try (Admin admin = admin()) {
            while (true) {
                try {
                    Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                    List<String> lagging = d.values().stream()
                            .filter(t -> t.partitions().stream().anyMatch(p -> p.isr().size() != NODES)).map(TopicDescription::name).toList();
                    if (lagging.isEmpty()) {
                        return;
                    }
                    behind = lagging.toString();
                } catch (Exception e) {
                    // a node is still coming back: ask again
                }
                if (deadline.expired()) {
                    throw new IllegalStateException("partitions of " + behind + " not back to " + NODES + " in-sync replicas in time");
                }
                deadline.pause(POLL);
            }
        }
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "default.api.timeout.ms", 30_000));
    }

    @Override
    public void close() {
        for (int node = 1; node <= NODES; node++) {
            Process p = processes[node];
            if (p != null && p.isAlive()) {
                signal(node, "CONT"); // a stopped node cannot handle SIGTERM
                p.destroy();
            }
        }
        for (int node = 1; node <= NODES; node++) {
            Process p = processes[node];
            try {
                if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch(int node) {
        Path nodeDir = dir.resolve("node-" + node);
        try {
            Files.createDirectories(nodeDir);
            List<String> cmd = ChildBroker.javaCommand("384m", ChildBroker.writeLogConfig(dir), ClusterNode.class,
                    List.of(nodeDir.toString(), Integer.toString(node), clusterId, join(brokerPorts), join(controllerPorts)));
            processes[node] = new ProcessBuilder(OwnSession.command(cmd))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(node).toFile()))
                    .start();
            log.info("event=cluster_node_launched node={} pid={} broker_port={} controller_port={}", node, processes[node].pid(),
                    brokerPorts.get(node - 1), controllerPorts.get(node - 1));
        } catch (IOException e) {
            throw new BrokerStartException("cannot start cluster node " + node + " in " + nodeDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(int node, Deadline deadline) {
        Path ready = dir.resolve("node-" + node).resolve(ClusterNode.READY_FILE);
        while (!Files.exists(ready)) {
            if (!processes[node].isAlive()) {
                throw new BrokerStartException("cluster node " + node + " exited with status " + processes[node].exitValue()
                        + "; see " + logFile(node));
            }
            if (deadline.expired()) {
                throw new BrokerStartException("cluster node " + node + " not serving in time; see " + logFile(node));
            }
            deadline.pause(POLL);
        }
    }

    private void awaitBrokers(int count, Deadline deadline) {
        while (true) {
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() >= count) {
                    return;
                }
            } catch (Exception e) {
                // not answering yet
            }
            if (deadline.expired()) {
                throw new BrokerStartException("the cluster in " + dir + " did not show " + count + " brokers in time");
            }
            deadline.pause(POLL);
        }
    }

    private void signal(int node, String signal) {
        Process p = processes[node];
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal node " + node + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "ThreeBrokers[" + bootstrapServers() + "]";
    }
}
