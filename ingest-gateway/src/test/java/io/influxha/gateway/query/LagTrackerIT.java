package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.Topics;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import io.influxha.core.config.RouterSettings;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.config.WriterSettings;
import io.influxha.testkit.Await;
import io.influxha.testkit.KafkaFixture;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Lag per backend and shard read from a real broker: writer group committed offsets against shard topic ends. */
class LagTrackerIT {

    @Test
    void lag_is_the_writer_groups_distance_to_each_shard_topics_end() throws Exception {
        String prefix = KafkaFixture.uniqueName("lag");
        String hot = Topics.shard(prefix, "hot");
        String rest = Topics.shard(prefix, "rest");
        KafkaFixture.createTopics(Map.of(hot, 2, rest, 1));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(hot, i % 2, null, new byte[] {1})).get();
                producer.send(new ProducerRecord<>(rest, 0, null, new byte[] {1})).get();
            }
        }
        long hotEnd;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers()))) {
            // the fixture may put a record of its own first: count from the real ends
            TopicPartition h0 = new TopicPartition(hot, 0);
            TopicPartition h1 = new TopicPartition(hot, 1);
            TopicPartition r0 = new TopicPartition(rest, 0);
            var ends = admin.listOffsets(Map.of(h0, OffsetSpec.latest(), h1, OffsetSpec.latest(), r0, OffsetSpec.latest())).all().get();
            hotEnd = ends.get(h0).offset() + ends.get(h1).offset();
            admin.alterConsumerGroupOffsets(Topics.writerGroup(prefix, "a"), Map.of(
                    h0, new OffsetAndMetadata(ends.get(h0).offset()), h1, new OffsetAndMetadata(ends.get(h1).offset() - 1),
                    r0, new OffsetAndMetadata(ends.get(r0).offset()))).all().get();
        }
        InfluxHaConfig config = new InfluxHaConfig(Path.of("target", "data"),
                new KafkaSettings(KafkaFixture.bootstrapServers(), prefix, 1, (short) 1, 1, Map.of()),
                new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1000), Duration.ofSeconds(5)),
                List.of(BackendSettings.of("a", URI.create("http://127.0.0.1:1")), BackendSettings.of("b", URI.create("http://127.0.0.1:2"))),
                List.of(new ShardSettings("hot", List.of("a", "b"), List.of("cpu")), new ShardSettings("rest", List.of("a"), List.of("*"))),
                new WriterSettings(1, new DataSize(1000), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1)),
                new RouterSettings(1, Duration.ofMillis(1)));

        try (LagTracker lags = new LagTracker(config, KafkaFixture.cluster(config), Duration.ofMillis(200))) {
            lags.start();

            Await.value(Duration.ofSeconds(60), () -> Math.min(lags.lag("a", "hot"), lags.lag("b", "hot")), lag -> lag >= 0,
                    () -> "lags for a/hot and b/hot");
            assertThat(lags.lag("a", "hot")).as("partition 0 at its end, partition 1 one behind").isEqualTo(1);
            assertThat(lags.lag("a", "rest")).isZero();
            assertThat(lags.lag("b", "hot")).as("a group that never committed starts at the log start").isEqualTo(hotEnd);
            assertThat(lags.lag("b", "rest")).as("b does not replicate rest").isEqualTo(-1);
        }
    }
}
