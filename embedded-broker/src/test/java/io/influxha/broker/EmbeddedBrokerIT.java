package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    @TempDir
    Path dataDir;

    @BeforeAll
    static void keepKafkaFromHaltingTheTestJvm() {
        EmbeddedBroker.throwInsteadOfHalting();
    }

    @Test
    void restart_on_the_same_data_dir_keeps_the_records() throws Exception {
        Path kafkaDir = dataDir.resolve("kafka");
        try (EmbeddedBroker broker = EmbeddedBroker.start(kafkaDir)) {
            TestClients.createTopic(broker.bootstrapServers(), "kept");
            TestClients.produce(broker.bootstrapServers(), "kept", List.of("a", "b", "c"));
            assertThat(TestClients.consume(broker.bootstrapServers(), "kept", 3)).containsExactly("a", "b", "c");
        }
        assertThat(StaleRegistration.mayRemain(kafkaDir.resolve("kraft-logs")))
                .as("a clean shutdown leaves Kafka's clean-shutdown file: no fencing controller before the restart").isFalse();
        try (EmbeddedBroker again = EmbeddedBroker.start(kafkaDir)) {
            TestClients.produce(again.bootstrapServers(), "kept", List.of("d"));
            assertThat(TestClients.consume(again.bootstrapServers(), "kept", 4)).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void a_transactional_producer_commits_on_the_single_node() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("kafka"))) {
            TestClients.createTopic(broker.bootstrapServers(), "tx");
            TestClients.produceInTransaction(broker.bootstrapServers(), "tx", List.of("x", "y"));
            assertThat(TestClients.consume(broker.bootstrapServers(), "tx", 2)).containsExactly("x", "y");
        }
    }

    @Test
    void a_data_dir_formatted_with_eligible_leader_replicas_has_them_switched_off_at_start() throws Exception {
        Path kafkaDir = dataDir.resolve("kafka");
        Storage.format(kafkaDir.resolve("kraft-logs"), (short) 1); // as Kafka 4.x's default formats, and earlier influx-ha did
        try (EmbeddedBroker broker = EmbeddedBroker.start(kafkaDir)) {
            assertThat(TestClients.finalizedFeatureLevel(broker.bootstrapServers(), "eligible.leader.replicas.version")).isZero();
        }
    }

    @Test
    void publishes_its_address_and_removes_it_on_close() {
        Path file = Bootstrap.file(dataDir);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("kafka"))) {
            broker.writeBootstrapFile(dataDir);
            assertThat(file).hasContent(broker.bootstrapServers());
        }
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void refuses_a_data_dir_already_used_in_this_jvm() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir.resolve("kafka"))) {
            assertThatThrownBy(() -> EmbeddedBroker.start(dataDir.resolve("kafka")))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("already used by a broker running in this JVM");
        }
    }
}
