package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three-broker fixture is a real cluster: a topic with three copies keeps every record
 * acknowledged with acks=all through a kill -9 of its leader and of the active controller, and a
 * node restarted on its data and ports comes back into every ISR.
 */
class ThreeBrokersIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String TOPIC = "t";
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void acknowledged_records_survive_killing_the_leader_and_the_controller_and_a_restarted_node_rejoins_the_isr() throws Exception {
        try (ThreeBrokers cluster = ThreeBrokers.start(dir, TIMEOUT)) {
            try (Admin admin = cluster.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3))).all().get(30, TimeUnit.SECONDS);
            }
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
                send(producer, sent, 0, 100);
                int leader = cluster.leader(TOPIC, 0);
                cluster.kill9(leader);
                send(producer, sent, 100, 200); // acks=all with two of three in sync
                assertThat(cluster.leader(TOPIC, 0)).as("partition 0 has a new leader").isNotIn(leader, -1);
                cluster.restart(leader);
                cluster.awaitFullIsr(TOPIC);

                int controller = cluster.activeController();
                cluster.kill9(controller);
                send(producer, sent, 200, 300);
                assertThat(cluster.activeController()).as("another node leads the quorum").isNotEqualTo(controller);
                cluster.restart(controller);
                cluster.awaitFullIsr(TOPIC);
            }
            assertThat(TestClients.readCommitted(cluster.bootstrapServers(), TOPIC, PARTITIONS, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static void send(KafkaProducer<String, String> producer, List<String> sent, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            String value = "v" + i;
            producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, value)).get(60, TimeUnit.SECONDS);
            sent.add(value);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }
}
