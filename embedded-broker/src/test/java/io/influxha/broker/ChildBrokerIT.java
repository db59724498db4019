package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.Bootstrap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
}
