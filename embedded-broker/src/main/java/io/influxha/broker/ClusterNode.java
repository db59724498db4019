package io.influxha.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker+controller of a KRaft cluster on loopback with a static quorum: every node knows the
 * voters' fixed controller ports, so a node restarted on its data must come back on the same
 * ports. Topics default to three copies, two in sync. Run as a child JVM by {@link ThreeBrokers}:
 * {@code java ClusterNode DATA_DIR NODE_ID CLUSTER_ID BROKER_PORTS CONTROLLER_PORTS} (ports
 * comma-separated, node n at position n-1); writes {@code DATA_DIR/ready} once serving, and exits
 * when its standard input reaches EOF (its parent is gone).
 */
public final class ClusterNode {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    static final String READY_FILE = "ready";
    /** A follower that stopped fetching leaves the ISR after this long (Kafka's default: 30 s). */
    static final Duration REPLICA_LAG = Duration.ofSeconds(10);
    /** A broker that stopped heartbeating loses its leaderships after this long (Kafka's default: 9 s). */
    static final Duration BROKER_SESSION = Duration.ofSeconds(4);

    private ClusterNode() {}

    static Map<String, String> properties(Path logDir, int nodeId, List<Integer> brokerPorts, List<Integer> controllerPorts) {
        List<String> voters = new ArrayList<>();
        for (int i = 0; i < controllerPorts.size(); i++) {
            voters.add((i + 1) + "@127.0.0.1:" + controllerPorts.get(i));
        }
        Map<String, String> p = BrokerProperties.node(logDir, nodeId, String.join(",", voters), brokerPorts.get(nodeId - 1),
                controllerPorts.get(nodeId - 1), 3, 2);
        p.put("replica.lag.time.max.ms", Long.toString(REPLICA_LAG.toMillis()));
        // a broker that stopped heartbeating is fenced (its leaderships moved) after this: Kafka's default is 9 s
        p.put("broker.session.timeout.ms", Long.toString(BROKER_SESSION.toMillis()));
        p.put("broker.heartbeat.interval.ms", Long.toString(BROKER_SESSION.toMillis() / 4));
        return p;
    }

    static void formatIfNeeded(Path logDir, int nodeId, String clusterId) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new BrokerStartException("cannot format the Kafka data dir " + logDir + ": " + e.getMessage(), e);
        }
    }

    static List<Integer> ports(String csv) {
        List<Integer> ports = new ArrayList<>();
        for (String s : csv.split(",")) {
            ports.add(Integer.parseInt(s.strip()));
        }
        return ports;
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: java " + ClusterNode.class.getName() + " DATA_DIR NODE_ID CLUSTER_ID BROKER_PORTS CONTROLLER_PORTS");
            System.exit(2);
        }
        BrokerProcessMain.watchStdin();
        try {
            Path dataDir = Path.of(args[0]);
            int nodeId = Integer.parseInt(args[1]);
            Path logDir = dataDir.resolve("kraft-logs");
            Files.createDirectories(logDir);
            formatIfNeeded(logDir, nodeId, args[2]);
            List<Integer> brokerPorts = ports(args[3]);
            KafkaRaftServer server = new KafkaRaftServer(
                    new KafkaConfig(properties(logDir, nodeId, brokerPorts, ports(args[4])), false), Time.SYSTEM);
            server.startup();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.shutdown();
                server.awaitShutdown();
            }, "influxha-cluster-node-shutdown"));
            Path tmp = dataDir.resolve(READY_FILE + ".tmp");
            Files.writeString(tmp, "127.0.0.1:" + brokerPorts.get(nodeId - 1) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, dataDir.resolve(READY_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("event=cluster_node_started node_id={} data_dir={}", nodeId, dataDir);
            server.awaitShutdown();
        } catch (IOException | RuntimeException e) {
            log.error("event=cluster_node_failed error=\"{}\"", e.toString(), e);
            System.exit(1);
        }
        System.exit(0);
    }
}
