package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.broker.ThreeBrokers;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Topics;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster fault suite (issue 14, item 2): a three-broker KRaft cluster (three copies, two in
 * sync), two real influxd, and two influx-ha nodes, each {@code influx-ha all} from the packaged jar
 * with its own data dir, gateway and instance id, sharing the router application and the writer
 * groups. Under a steady load spread over both gateways (a failed attempt is retried on the other
 * one), in turn: a kill -9 of the leader of ingest partition 0, of the active controller, a SIGSTOP
 * of a broker for 8 s, a rolling restart of all three brokers (SIGTERM, restart on its data, full
 * ISR, the next), and a kill -9 of node-2 (node-1 takes its work over). After each fault and its recovery, every acknowledged point is in
 * both replicas, once, with the same content. At the end, every acknowledged point is in the shard
 * topics (read_committed) exactly once, bar points of batches the client had to send again.
 */
class ClusterFaultSuiteIT {
    private static final String PREFIX = "cluster";
    private static final int PARTITIONS = 3;
    private static final Duration START = Duration.ofSeconds(120);
    /** Past the gateway's publish timeout (5 s), the group members' session (6 s) and the brokers' (4 s in the test cluster). */
    private static final Duration STOPPED = Duration.ofSeconds(8);
    private static final Pattern SEQ = Pattern.compile("[ ,]seq=(\\d+)i");

    /** Kept when the suite fails: the brokers', nodes' and replicas' logs and data explain a failure. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private ThreeBrokers cluster;
    private InfluxdProcess a;
    private InfluxdProcess b;
    private InfluxHaProcess node1;
    private InfluxHaProcess node2;
    private GatewayClient client1;
    private GatewayClient client2;
    private SteadyLoad load;
    private FaultSteps steps;
    private final List<String> figures = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cluster = ThreeBrokers.start(dir.resolve("kafka"), START);
        a = InfluxdProcess.start(dir.resolve("influxd-a"));
        b = InfluxdProcess.start(dir.resolve("influxd-b"));
        int port1 = freePort();
        int port2 = freePort();
        node1 = InfluxHaProcess.start(dir.resolve("node-1.log"), "all", "-c", nodeConfig("node-1", port1).toString());
        node2 = InfluxHaProcess.start(dir.resolve("node-2.log"), "all", "-c", nodeConfig("node-2", port2).toString());
        client1 = new GatewayClient(URI.create("http://127.0.0.1:" + port1));
        client2 = new GatewayClient(URI.create("http://127.0.0.1:" + port2));
        awaitGateway(node1, client1);
        awaitGateway(node2, client2);
        client1.query("CREATE DATABASE " + SteadyLoad.DB);
        long base = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(3);
        load = new SteadyLoad(List.of(client1, client2), base, 10);
        load.start();
        steps = new FaultSteps(dir, load, a, b);
    }

    /** Node {@code id}: the fault suite's settings, the cluster's address, and its own data dir, gateway port and instance id. */
    private Path nodeConfig(String id, int port) throws IOException {
        String yaml = FaultSuiteConfig.fastFailover(PREFIX, PARTITIONS)
                .lateWriteBound("10s")
                .kafka("bootstrap_servers: " + cluster.bootstrapServers())
                .gateway("instance_id: " + id)
                .yaml(dir.resolve(id), port, a.url(), b.url());
        return Files.writeString(dir.resolve(id + ".yaml"), yaml);
    }

    @AfterEach
    void stop() throws Exception {
        if (load != null) {
            load.close();
        }
        FaultSteps.closeAll(node2, node1, a, b, cluster);
        figures.forEach(System.out::println);
    }

    @Test
    void every_acknowledged_point_reaches_both_replicas_and_is_routed_once_through_broker_and_node_faults() throws Exception {
        long suiteStart = System.nanoTime();
        String ingest = Topics.ingest(PREFIX);
        String shard = Topics.shard(PREFIX, "main");
        steps.awaitProgress(10);
        int[] victim = {-1};

        fault("kill -9 leader of ingest-0", () -> {
            victim[0] = cluster.leader(ingest, 0);
            cluster.kill9(victim[0]);
        }, steps.batchesAcknowledged(10), () -> restartBroker(victim[0]));

        fault("kill -9 active controller", () -> {
            victim[0] = cluster.activeController();
            cluster.kill9(victim[0]);
        }, steps.batchesAcknowledged(10), () -> restartBroker(victim[0]));

        long[] stoppedUntil = {0};
        fault("SIGSTOP leader of shard-0 for 8 s", () -> {
            victim[0] = cluster.leader(shard, 0);
            stoppedUntil[0] = System.nanoTime() + STOPPED.toNanos();
            cluster.pause(victim[0]);
        }, () -> System.nanoTime() - stoppedUntil[0] >= 0, () -> {
            cluster.resume(victim[0]);
            awaitFullIsr();
        });

        fault("roll all three brokers", () -> {
            for (int node = 1; node <= ThreeBrokers.NODES; node++) {
                cluster.stop(node);
                restartBroker(node);
            }
        }, steps.batchesAcknowledged(5), () -> { });

        // node-2 runs a gateway, a router and a writer per backend, sharing the application and the
        // groups with node-1: a kill -9 leaves its partitions and tasks to node-1 after the session timeout.
        fault("kill -9 node-2 (takeover by node-1)", node2::kill, steps.visibleAgain(), () -> {
            node2.start();
            awaitGateway(node2, client2);
        });

        assertThat(node1.alive()).as("node-1 running; log:\n%s", node1.logTail()).isTrue();
        assertThat(node2.alive()).as("node-2 running; log:\n%s", node2.logTail()).isTrue();
        load.close();
        assertThat(load.failure()).as("the load client").isNull();
        long upTo = load.acknowledgedUpTo();
        Set<Long> retried = load.retried();
        Map<Long, Integer> routed = routedSeqs(upTo);
        List<Long> missing = new ArrayList<>();
        Map<Long, Integer> duplicated = new TreeMap<>();
        int retriedTwice = 0;
        for (long seq = 0; seq <= upTo; seq++) {
            int n = routed.getOrDefault(seq, 0);
            if (n == 0) {
                missing.add(seq);
            } else if (n > 1 && retried.contains(seq)) {
                retriedTwice++;
            } else if (n > 1) {
                duplicated.put(seq, n);
            }
        }
        figures.add(String.format("cluster-suite routed: points_acknowledged=%d retried_points=%d retried_points_routed_more_than_once=%d"
                        + " unretried_points_routed_more_than_once=%d points_missing=%d",
                upTo + 1, retried.size(), retriedTwice, duplicated.size(), missing.size()));
        figures.add(String.format("cluster-suite total: points_acknowledged=%d batches=%d failed_attempts=%d faults=%d seconds=%d",
                upTo + 1, load.acknowledgedBatches(), load.failedAttempts(), 5,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - suiteStart)));
        assertThat(missing).as("acknowledged seqs in no shard topic; logs under %s", dir).isEmpty();
        assertThat(duplicated).as("acknowledged seqs of batches sent once, routed more than once; logs under %s", dir).isEmpty();
    }

    /** Injects a fault, lets it last until {@code over}, recovers, checks both replicas, and keeps the figures. */
    private void fault(String name, Runnable inject, BooleanSupplier over, Runnable recover) {
        FaultSteps.Figures f = steps.fault(name, inject, over, recover);
        figures.add(String.format("cluster-suite %-36s points_acknowledged=%d (+%d) fault_ms=%d recover_ms=%d converge_ms=%d"
                        + " longest_stall_ms=%d checksums=%s", f.name(), f.pointsAcknowledged(), f.pointsAdded(), f.faultMs(), f.recoverMs(),
                f.convergeMs(), f.longestStallMs(), f.checksums()));
    }

    /** Starts a killed broker again on its data, and waits until every partition has its three replicas in sync. */
    private void restartBroker(int node) {
        cluster.restart(node);
        awaitFullIsr();
    }

    /** Every topic of the cluster, internal ones (offsets, transactions) included, back to full ISR. */
    private void awaitFullIsr() {
        Set<String> topics;
        try (Admin admin = cluster.admin()) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the cluster's topics: " + e, e);
        }
        cluster.awaitFullIsr(topics);
    }

    private static void awaitGateway(InfluxHaProcess node, GatewayClient client) {
        Await.until(START, () -> client.ping() || !node.alive(), () -> "the gateway to answer /ping");
        assertThat(node.alive()).as("influx-ha all is running; log:\n%s", node.logTail()).isTrue();
    }

    /**
     * How often each seq up to {@code upTo} is in the shard topics: every shard topic read from its
     * start, committed records only, DDL and noop records skipped, until every seq was seen and every
     * partition is at its end.
     */
    private Map<Long, Integer> routedSeqs(long upTo) {
        Map<Long, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(Duration.ofSeconds(60)).entrySet()) {
                if (topic.getKey().startsWith(Topics.shard(PREFIX, ""))) {
                    topic.getValue().forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            assertThat(partitions).as("shard topic partitions").isNotEmpty();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Bounded: reads on until every acknowledged seq was seen and every partition is at its end,
            // or for at most two minutes; what is then missing is reported by the caller.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
                    if (RecordHeaders.isDdl(rec.headers()) || RecordHeaders.isNoop(rec.headers())) {
                        continue;
                    }
                    Matcher m = SEQ.matcher(new String(rec.value(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        counts.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
                    }
                }
                boolean allSeen = counts.keySet().stream().filter(seq -> seq <= upTo).count() == upTo + 1;
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                if (allSeen && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                    break;
                }
            }
        }
        return counts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
