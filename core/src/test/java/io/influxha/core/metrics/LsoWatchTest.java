package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LsoWatchTest {
    private static final TopicPartition TP = new TopicPartition("p.shard.main", 0);
    private static final Duration THRESHOLD = Duration.ofSeconds(60);
    private final LsoWatch watch = new LsoWatch();

    private LsoWatch.Watched look(long hw, long lso, long nowMs) {
        List<LsoWatch.Watched> out = watch.update(Map.of(TP, new LsoWatch.Ends(hw, lso)), nowMs);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void a_partition_with_nothing_open_is_never_stuck() {
        look(100, 100, 0);
        assertThat(look(100, 100, 3_600_000).stuckFor()).isZero();
    }

    @Test
    void an_lso_below_the_high_watermark_that_does_not_move_is_stuck_for_the_time_the_watch_saw_it() {
        assertThat(look(120, 100, 1_000).stuckFor()).as("first sighting counts from now, not from any record time").isZero();
        assertThat(look(130, 100, 31_000).stuckFor()).isEqualTo(Duration.ofSeconds(30));
        LsoWatch.Watched w = look(140, 100, 61_000);
        assertThat(w.stuckFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(w.stuck(THRESHOLD)).isTrue();
        assertThat(w.describe()).contains("topic p.shard.main partition 0", "last stable offset 100", "high watermark is 140",
                "60 s", "influx-ha transactions find");
    }

    @Test
    void an_lso_that_moves_while_transactions_keep_it_below_the_high_watermark_is_not_stuck() {
        // A live router replaying a backlog: every look finds a transaction open, but each is a new one.
        long lso = 100;
        for (long now = 0; now <= 600_000; now += 10_000) {
            lso += 50;
            LsoWatch.Watched w = look(lso + 25, lso, now);
            assertThat(w.stuckFor()).as("at %d ms", now).isZero();
        }
    }

    @Test
    void an_lso_that_reaches_the_high_watermark_ends_the_span_and_a_new_span_starts_from_zero() {
        look(120, 100, 0);
        assertThat(look(120, 100, 90_000).stuck(THRESHOLD)).isTrue();
        assertThat(look(120, 120, 91_000).stuckFor()).isZero();
        assertThat(look(130, 120, 92_000).stuckFor()).as("a new open transaction at the same LSO value starts a new span").isZero();
        assertThat(look(130, 120, 100_000).stuckFor()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void a_partition_missing_from_a_look_is_forgotten_and_starts_over() {
        look(120, 100, 0);
        watch.update(Map.of(), 30_000);
        assertThat(look(120, 100, 90_000).stuckFor()).isZero();
    }

    @Test
    void a_clock_stepping_back_gives_zero_not_a_negative_duration() {
        look(120, 100, 50_000);
        assertThat(look(120, 100, 10_000).stuckFor()).isZero();
    }

    @Test
    void zero_stuck_time_is_never_stuck_even_with_a_zero_threshold() {
        assertThat(look(120, 100, 0).stuck(Duration.ZERO)).isFalse();
    }

    @Test
    void a_partition_not_read_this_time_keeps_its_span_and_one_no_longer_watched_is_forgotten() {
        look(120, 100, 0);
        assertThat(watch.update(Map.of(), java.util.Set.of(TP), 30_000)).as("nothing to report for an unread partition").isEmpty();
        assertThat(look(120, 100, 61_000).stuckFor()).isEqualTo(Duration.ofSeconds(61));
        watch.update(Map.of(), java.util.Set.of(), 62_000);
        assertThat(look(120, 100, 63_000).stuckFor()).as("a new span after it was forgotten").isZero();
    }
}
