package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.health.HealthChecks;
import io.influxha.core.PartitionEnds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StuckLsoGaugesTest {
    private static final TopicPartition STUCK = new TopicPartition("p.ingest", 1);
    private static final TopicPartition FINE = new TopicPartition("__consumer_offsets", 0);

    private final FailingRegistry registry = new FailingRegistry();
    private final Map<TopicPartition, LsoWatch.Ends> ends = new HashMap<>();
    private final Map<TopicPartition, String> unreadable = new HashMap<>();
    private final MovingClock clock = new MovingClock();
    private boolean failing;
    private final StuckLsoGauges gauges = new StuckLsoGauges(() -> {
        if (failing) {
            throw new IllegalStateException("cannot read the ends: broker gone");
        }
        return new PartitionEnds.Read(Map.copyOf(ends), Map.copyOf(unreadable));
    }, registry, clock::nanos, Duration.ofSeconds(60), () -> {});

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

    @Test
    void an_unreadable_partition_keeps_its_value_and_span_while_the_others_stay_current_and_it_is_counted() {
        ends.put(STUCK, new LsoWatch.Ends(50, 40));
        ends.put(FINE, new LsoWatch.Ends(7, 7));
        gauges.refresh();
        clock.advance(Duration.ofSeconds(61));
        ends.remove(STUCK);
        unreadable.put(STUCK, "cannot read its READ_COMMITTED end: NotLeaderOrFollowerException");
        ends.put(FINE, new LsoWatch.Ends(9, 8));
        gauges.refresh();
        assertThat(seconds(STUCK)).as("kept from the look before").isZero();
        assertThat(gauges.latest()).filteredOn(w -> w.partition().equals(FINE)).singleElement()
                .satisfies(w -> assertThat(w.highWatermark()).isEqualTo(9));
        assertThat(registry.get("influxha_lag_refresh_failures").counter().count()).isEqualTo(1.0);

        clock.advance(Duration.ofSeconds(30));
        unreadable.clear();
        ends.put(STUCK, new LsoWatch.Ends(50, 40));
        gauges.refresh();
        assertThat(seconds(STUCK)).as("the span went on while the partition was unreadable").isEqualTo(91.0);
        assertThat(stuckPartitions()).isEqualTo(1.0);
    }

    @Test
    void a_failure_after_the_read_is_caught_and_counted_so_the_scheduled_task_goes_on() {
        ends.put(STUCK, new LsoWatch.Ends(50, 40));
        registry.failGauges = true;
        gauges.refresh(); // the per-partition gauge's registration throws
        assertThat(registry.get("influxha_lag_refresh_failures").counter().count()).isEqualTo(1.0);
        registry.failGauges = false;
        clock.advance(Duration.ofSeconds(61));
        gauges.refresh();
        assertThat(stuckPartitions()).isEqualTo(1.0);
        assertThat(seconds(STUCK)).as("its gauge registered at the next look").isEqualTo(61.0);
    }

    /** A monotonic clock the test moves. */
    static final class MovingClock {
        private long nanos = 123_456_789;

        void advance(Duration d) {
            nanos += d.toNanos();
        }

        long nanos() {
            return nanos;
        }
    }

    /** A registry whose gauge registrations throw while {@code failGauges}. */
    static final class FailingRegistry extends SimpleMeterRegistry {
        boolean failGauges;

        @Override
        protected <T> io.micrometer.core.instrument.Gauge newGauge(io.micrometer.core.instrument.Meter.Id id, T obj,
                java.util.function.ToDoubleFunction<T> valueFunction) {
            if (failGauges) {
                throw new IllegalStateException("registry refused " + id.getName());
            }
            return super.newGauge(id, obj, valueFunction);
        }
    }
}
