package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.health.HealthChecks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StuckLsoGaugesTest {
    private static final TopicPartition STUCK = new TopicPartition("p.ingest", 1);
    private static final TopicPartition FINE = new TopicPartition("__consumer_offsets", 0);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<TopicPartition, LsoWatch.Ends> ends = new HashMap<>();
    private final MovingClock clock = new MovingClock();
    private boolean failing;
    private final StuckLsoGauges gauges = new StuckLsoGauges(() -> {
        if (failing) {
            throw new IllegalStateException("cannot read the ends: broker gone");
        }
        return Map.copyOf(ends);
    }, registry, clock, Duration.ofSeconds(60), () -> {});

    @AfterEach
    void clear() {
        HealthChecks.publish(StuckLsoGauges.HEALTH_SOURCE, java.util.List.of());
    }

    private double seconds(TopicPartition tp) {
        return registry.get("influxha_kafka_lso_stuck_seconds").tag("topic", tp.topic())
                .tag("partition", Integer.toString(tp.partition())).gauge().value();
    }

    private double stuckPartitions() {
        return registry.get("influxha_kafka_lso_stuck_partitions").gauge().value();
    }

    @Test
    void every_watched_partition_has_a_gauge_at_zero_and_a_stuck_one_becomes_a_warning_past_the_threshold() {
        ends.put(STUCK, new LsoWatch.Ends(50, 40));
        ends.put(FINE, new LsoWatch.Ends(7, 7));
        gauges.refresh();
        assertThat(seconds(STUCK)).isZero();
        assertThat(seconds(FINE)).isZero();
        assertThat(stuckPartitions()).isZero();

        clock.advance(Duration.ofSeconds(59));
        gauges.refresh();
        assertThat(seconds(STUCK)).isEqualTo(59.0);
        assertThat(stuckPartitions()).as("below the threshold").isZero();
        assertThat(HealthChecks.all()).noneMatch(c -> c.name().equals("stuck-lso"));

        clock.advance(Duration.ofSeconds(2));
        gauges.refresh();
        assertThat(seconds(STUCK)).isEqualTo(61.0);
        assertThat(stuckPartitions()).isEqualTo(1.0);
        assertThat(HealthChecks.all()).filteredOn(c -> c.name().equals("stuck-lso")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(HealthChecks.Status.WARN);
            assertThat(c.message()).contains("topic p.ingest partition 1", "last stable offset 40", "high watermark is 50");
        });

        ends.put(STUCK, new LsoWatch.Ends(50, 50));
        gauges.refresh();
        assertThat(seconds(STUCK)).isZero();
        assertThat(stuckPartitions()).isZero();
        assertThat(HealthChecks.all()).noneMatch(c -> c.name().equals("stuck-lso"));
    }

    @Test
    void a_failed_look_keeps_the_last_values_and_is_counted() {
        ends.put(STUCK, new LsoWatch.Ends(50, 40));
        gauges.refresh();
        clock.advance(Duration.ofSeconds(90));
        gauges.refresh();
        failing = true;
        gauges.refresh();
        assertThat(seconds(STUCK)).isEqualTo(90.0);
        assertThat(registry.get("influxha_lag_refresh_failures").counter().count()).isEqualTo(1.0);
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
