package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.Bootstrap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildBrokerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void child_locks_its_data_dir_exits_with_its_parent_and_a_restart_keeps_data() throws Exception {
        long firstPid;
        try (ChildBroker first = ChildBroker.start(dataDir, TIMEOUT)) {
            firstPid = first.pid();
            assertThat(Bootstrap.file(dataDir)).hasContent(first.bootstrapServers());
            TestClients.createTopic(first.bootstrapServers(), "kept");
            TestClients.produce(first.bootstrapServers(), "kept", List.of("a", "b"));
            assertThatThrownBy(() -> EmbeddedBroker.start(dataDir.resolve("kafka"), Duration.ofMillis(500)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("is locked by another process");

            // What the parent's death does: EOF on the child's stdin. Restart at once, while it exits.
            first.closeStdin();
            try (ChildBroker second = ChildBroker.start(dataDir, TIMEOUT)) {
                assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(second.pid()).isNotEqualTo(firstPid);
                TestClients.produce(second.bootstrapServers(), "kept", List.of("c"));
                assertThat(TestClients.consume(second.bootstrapServers(), "kept", 3)).containsExactly("a", "b", "c");
            }
        }
    }

    /**
     * After a kill -9 the only replica must come back as a clean leader: eligible leader replicas
     * (on by default in new 4.x clusters) would drop it from the ISR for its unclean shutdown and
     * force an unclean recovery, which transactions do not survive (KAFKA-20716). Transactional
     * records committed before the kill stay readable and a new transaction commits after it.
     */
    @Test
    void a_kill_9_leaves_transactions_intact_because_the_only_replica_stays_eligible() throws Exception {
        try (ChildBroker first = ChildBroker.start(dataDir, TIMEOUT)) {
            assertThat(TestClients.finalizedFeatureLevel(first.bootstrapServers(), "eligible.leader.replicas.version"))
                    .as("eligible leader replicas switched off at format").isZero();
            TestClients.createTopic(first.bootstrapServers(), "tx");
            TestClients.produce(first.bootstrapServers(), "tx", List.of("warm-up"));
            TestClients.produceInTransaction(first.bootstrapServers(), "tx", List.of("a", "b"));
            ProcessHandle broker = ProcessHandle.of(first.pid()).orElseThrow();
            broker.destroyForcibly(); // SIGKILL: no clean shutdown
            broker.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        try (ChildBroker second = ChildBroker.start(dataDir, TIMEOUT)) {
            TestClients.produceInTransaction(second.bootstrapServers(), "tx", List.of("c"));
            assertThat(TestClients.consume(second.bootstrapServers(), "tx", 4)).containsExactly("warm-up", "a", "b", "c");
            assertThat(TestClients.isr(second.bootstrapServers(), "tx")).containsExactly(1);
        }
    }
}
