package io.influxha.broker;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Configuration of the single-node KRaft broker+controller (KAFKA-NOTES §2). The quorum is static
 * ({@code controller.quorum.voters}), so the formatted storage does not remember ports and every
 * restart may bind new ones.
 */
final class BrokerProperties {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {}

    static Map<String, String> of(Path logDir, int brokerPort, int controllerPort) {
        return node(logDir, NODE_ID, NODE_ID + "@127.0.0.1:" + controllerPort, brokerPort, controllerPort, 1, 1);
    }

    /**
     * A broker+controller of a KRaft quorum with static voters; internal topics and new topics get
     * {@code copies} replicas, {@code inSync} of which must have a write.
     */
    static Map<String, String> node(Path logDir, int nodeId, String voters, int brokerPort, int controllerPort, int copies, int inSync) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", Integer.toString(copies));
        p.put("min.insync.replicas", Integer.toString(inSync));
        p.put("offsets.topic.replication.factor", Integer.toString(copies));
        p.put("offsets.topic.num.partitions", Integer.toString(copies));
        // Without these three, transactions (Kafka Streams exactly_once_v2) hang in initTransactions on one node.
        p.put("transaction.state.log.replication.factor", Integer.toString(copies));
        p.put("transaction.state.log.min.isr", Integer.toString(inSync));
        p.put("transaction.state.log.num.partitions", Integer.toString(copies));
        // A gateway killed mid-DDL leaves its transaction open, and the router's read_committed fetch
        // stops at it until the coordinator aborts it: check every second, not the default ten.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("share.coordinator.state.topic.replication.factor", Integer.toString(copies));
        p.put("share.coordinator.state.topic.min.isr", Integer.toString(inSync));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // Must cover the producers' max.request.size (8 MiB batches of 1 MiB values).
        p.put("message.max.bytes", "8388608");
        // The 128 MiB default is allocated at startup and exhausts a small heap.
        p.put("log.cleaner.dedupe.buffer.size", "16777216");
        p.put("log.segment.bytes", "268435456");
        return p;
    }

    /**
     * A controller alone on the same data dir and node id, with the given broker session timeout
     * (see {@link StaleRegistration}): it serves no client and writes only metadata.
     */
    static Map<String, String> controllerOnly(Path logDir, int controllerPort, java.time.Duration brokerSession) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("broker.session.timeout.ms", Long.toString(brokerSession.toMillis()));
        p.put("broker.heartbeat.interval.ms", Long.toString(Math.max(1, brokerSession.toMillis() / 4)));
        return p;
    }
}
