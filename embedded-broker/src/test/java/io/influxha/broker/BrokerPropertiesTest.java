package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
