package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.LagReport;
import io.influxha.core.Topics;
import io.influxha.core.config.BackendSettings;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.metrics.LagGauges;
import io.influxha.core.metrics.Metrics;
import io.influxha.core.metrics.RetentionAlerts;
import io.influxha.testkit.Await;
import io.influxha.testkit.MovingClock;
import io.influxha.testkit.KafkaFixture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The offsets-retention watch against the real broker: a writer group that had a member and lost
 * it is seen Empty through describeConsumerGroups, with the broker's offsets.retention.minutes.
 * The broker is shared, so its retention (7 days) cannot be shortened: the watch's clock is moved
 * instead, and /health, the gauge and the alerts follow it.
 */
class RetentionWatchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration REFRESH = Duration.ofMillis(200);

    private final MovingClock clock = new MovingClock(Instant.now());
    private final String prefix = KafkaFixture.uniqueName("rw");
    private final String backend = KafkaFixture.uniqueName("b");
    private final String group = Topics.writerGroup(prefix, backend);

    @Test
    void a_writer_group_that_lost_its_last_member_is_watched_until_members_return() {
        KafkaFixture.createTopics(Map.of(Topics.shard(prefix, "main"), 1, Topics.ingest(prefix), 1));
        InfluxHaConfig config = config();
        try (LagReport report = LagReport.open(config, KafkaFixture.cluster(config));
                LagGauges gauges = LagGauges.start(config, KafkaFixture.cluster(config), REFRESH, clock);
                TestGateway gateway = new TestGateway()) {
            try (KafkaConsumer<byte[], byte[]> member = member()) {
                assertThat(writerGroup(report)).satisfies(g -> {
                    assertThat(g.members()).isEqualTo(1);
                    assertThat(g.empty()).isFalse();
                });
            }
            Await.until(WAIT, () -> writerGroup(report).empty(), () -> "group " + group + " seen Empty: " + writerGroup(report));
            LagReport.Group empty = writerGroup(report);
            assertThat(empty.members()).isZero();
            assertThat(empty.state()).isEqualTo("Empty");
            assertThat(empty.offsetsRetentionMs()).as("the broker's offsets.retention.minutes").isEqualTo(Duration.ofDays(7).toMillis());
            Await.until(WAIT, () -> ratio().filter(r -> r == 0.0).isPresent(), () -> "ratio 0 in /metrics: " + ratio());
            // The gauge times the group from its own first Empty sighting, by the moving clock: the
            // clock moves an hour a look until the watch has one (a ratio above 0), so the days below
            // count from it, however late the refresh comes under load.
            Await.until(WAIT, () -> {
                clock.advance(Duration.ofHours(1));
                return ratio().filter(r -> r > 0.0).isPresent();
            }, () -> "the watch timing the Empty group: " + ratio());

            clock.advance(Duration.ofDays(4));
            Await.until(WAIT, () -> ratio().filter(r -> r >= 4.0 / 7).isPresent(), () -> "ratio 4/7 in /metrics: " + ratio());
            Await.until(WAIT, () -> alert().isPresent(), () -> "an offsets-retention alert in " + RetentionAlerts.latest());
            assertThat(alert().orElseThrow().message()).contains("consumer " + backend, "group " + group, "offsets.retention.minutes 10080");
            String health = gateway.get("/health").body();
            assertThat(health).contains("\"name\":\"offsets-retention\"", "\"status\":\"warn\"", group, "\"status\":\"pass\"");

            try (KafkaConsumer<byte[], byte[]> back = member()) {
                Await.until(WAIT, () -> ratio().filter(r -> r == 0.0).isPresent() && alert().isEmpty(),
                        () -> "members back: ratio 0 and no alert, saw " + ratio() + " " + RetentionAlerts.latest());
            }
        }
    }

    private InfluxHaConfig config() {
        InfluxHaConfig base = TestConfigs.gateway(KafkaFixture.bootstrapServers(), prefix, Duration.ofSeconds(30), Map.of());
        return new InfluxHaConfig(base.dataDir(), base.kafka(), base.gateway(),
                List.of(BackendSettings.of(backend, URI.create("http://127.0.0.1:1"))),
                List.of(new ShardSettings("main", List.of(backend), List.of("*"))), base.writer(), base.router());
    }

    /** A consumer of the writer group, returned once it holds its partition. */
    private KafkaConsumer<byte[], byte[]> member() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.shard(prefix, "main")));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() - deadline < 0) {
            consumer.poll(Duration.ofMillis(200));
        }
        assertThat(consumer.assignment()).as("partition assigned to the member").isNotEmpty();
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        consumer.assignment().forEach(tp -> positions.put(tp, new OffsetAndMetadata(consumer.position(tp))));
        consumer.commitSync(positions); // committed offsets: what Kafka would expire
        return consumer;
    }

    private LagReport.Group writerGroup(LagReport report) {
        return report.groups().stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow();
    }

    private Optional<Double> ratio() {
        Matcher m = Pattern.compile("influxha_consumer_group_offsets_retention_used_ratio\\{consumer=\"" + Pattern.quote(backend)
                + "\",?} (\\S+)").matcher(Metrics.scrape());
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    private Optional<RetentionAlerts.Alert> alert() {
        return RetentionAlerts.latest().stream()
                .filter(a -> a.name().equals("offsets-retention") && a.message().contains(group)).findFirst();
    }

}
