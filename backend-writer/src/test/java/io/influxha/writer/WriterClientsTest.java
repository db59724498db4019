package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.KafkaCluster;
import io.influxha.core.config.KafkaSettings;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The writer's Kafka clients, property by property: a change here changes what every deployment runs with. */
class WriterClientsTest {
    private static final KafkaCluster KAFKA = new KafkaCluster("broker:9092",
            new KafkaSettings("", "p", 3, (short) 1, 1, Map.of("max.poll.records", "77", "linger.ms", "20")));

    @Test
    void the_consumer_is_a_member_of_the_backends_group_reading_committed_bytes_from_the_earliest_offset() {
        assertThat(Writer.consumerProperties(KAFKA, "a")).hasSize(13).containsEntry("session.timeout.ms", 6_000)
                .containsEntry("heartbeat.interval.ms", 2_000).containsAllEntriesOf(Map.of(
                "bootstrap.servers", "broker:9092",
                "client.id", "p-writer-a",
                "group.id", "p-writer-a",
                "enable.auto.commit", false,
                "auto.offset.reset", "earliest",
                "isolation.level", "read_committed",
                "max.partition.fetch.bytes", 9 * 1024 * 1024,
                "key.deserializer", ByteArrayDeserializer.class,
                "value.deserializer", ByteArrayDeserializer.class,
                "max.poll.records", "77")).containsEntry("linger.ms", "20");
    }

    @Test
    void the_dead_letter_producer_is_idempotent_with_acks_all_and_room_for_the_largest_record() {
        assertThat(Writer.producerProperties(KAFKA, "a")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "broker:9092",
                "client.id", "p-writer-a-dlq",
                "acks", "all",
                "enable.idempotence", true,
                "max.request.size", 8 * 1024 * 1024 + 64 * 1024,
                "key.serializer", ByteArraySerializer.class,
                "value.serializer", ByteArraySerializer.class,
                "max.poll.records", "77",
                "linger.ms", "20"));
    }
}
