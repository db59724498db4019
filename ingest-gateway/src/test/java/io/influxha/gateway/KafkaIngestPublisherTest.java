package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.KafkaCluster;
import io.influxha.core.config.InfluxHaConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The gateway's ingest producer, property by property: its timeouts follow gateway.publish_timeout. */
class KafkaIngestPublisherTest {
    @Test
    void the_producer_is_idempotent_batched_and_gives_up_after_the_request_does() {
        InfluxHaConfig config = TestConfigs.gateway("", "p", Duration.ofSeconds(10), Map.of("linger.ms", "20"));
        KafkaCluster kafka = new KafkaCluster("broker:9092", config.kafka());

        Map<String, Object> props = KafkaIngestPublisher.producerConfig(config, kafka, 1L << 20);

        assertThat(props).hasSize(14).containsAllEntriesOf(Map.of(
                "bootstrap.servers", "broker:9092",
                "client.id", "p-gateway",
                "enable.idempotence", true,
                "acks", "all",
                "compression.type", "lz4",
                "linger.ms", "20",
                "batch.size", 512 << 10,
                "max.request.size", 8 << 20,
                "buffer.memory", 64L << 20,
                "max.block.ms", 10_000L));
        assertThat(props).containsAllEntriesOf(Map.of(
                "request.timeout.ms", 30_000,
                "delivery.timeout.ms", 40_000,
                "key.serializer", ByteArraySerializer.class,
                "value.serializer", ByteArraySerializer.class));
    }

    @Test
    void a_key_is_placed_as_kafka_places_it_by_the_partition_count() {
        for (int i = 0; i < 1_000; i++) {
            byte[] key = ("db" + i + "//m" + (i * 31)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int partitions : new int[] {1, 2, 6, 7, 64}) {
                org.assertj.core.api.Assertions.assertThat(KafkaIngestPublisher.partitionOf(key, partitions))
                        .as("key %d of %d partitions", i, partitions)
                        .isEqualTo(org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, partitions));
            }
        }
    }
}
