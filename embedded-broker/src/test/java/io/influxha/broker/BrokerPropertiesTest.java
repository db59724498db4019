package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {
    private final Map<String, String> props = BrokerProperties.of(Path.of("/data/kafka/kraft-logs"), 19092, 19093);

    @Test
    void the_quorum_is_static_so_ports_may_change_between_restarts() {
        assertThat(props).containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .doesNotContainKey("controller.quorum.bootstrap.servers");
        assertThat(props.get("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    }

    @Test
    void internal_topics_fit_a_single_node_so_transactions_work() {
        assertThat(props).containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000")
                .containsEntry("offsets.topic.replication.factor", "1");
    }

    @Test
    void topics_are_never_created_implicitly() {
        assertThat(props).containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void the_fencing_controller_is_the_same_node_on_the_same_dir_with_a_short_broker_session() {
        Map<String, String> controller = BrokerProperties.controllerOnly(Path.of("/data/kafka/kraft-logs"), 19093, Duration.ofSeconds(1));
        assertThat(controller).containsEntry("process.roles", "controller")
                .containsEntry("node.id", props.get("node.id"))
                .containsEntry("log.dirs", props.get("log.dirs"))
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("broker.session.timeout.ms", "1000")
                .containsEntry("broker.heartbeat.interval.ms", "250")
                .doesNotContainKey("advertised.listeners");
    }
}
