package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.LagReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetsRetentionWatchTest {
    private static final long RETENTION_MS = Duration.ofMinutes(100).toMillis();
    private final MovingClock clock = new MovingClock();
    private final OffsetsRetentionWatch watch = new OffsetsRetentionWatch(clock);

    @Test
    void a_group_with_members_uses_none_of_the_offsets_retention() {
        OffsetsRetentionWatch.Watched w = watch.update(List.of(group(2, false))).get(0);
        clock.advance(Duration.ofMinutes(90));
        w = watch.update(List.of(group(2, false))).get(0);

        assertThat(w.empty()).isFalse();
        assertThat(w.usedRatio()).isZero();
        assertThat(w.atRisk()).isFalse();
    }

    @Test
    void the_ratio_is_the_time_since_the_group_was_first_seen_empty_over_the_offsets_retention() {
        assertThat(watch.update(List.of(group(0, true))).get(0).usedRatio()).isZero();
        clock.advance(Duration.ofMinutes(25));

        OffsetsRetentionWatch.Watched w = watch.update(List.of(group(0, true))).get(0);
        assertThat(w.emptyFor()).isEqualTo(Duration.ofMinutes(25));
        assertThat(w.usedRatio()).isEqualTo(0.25);
    }

    @Test
    void the_warning_fires_from_half_of_the_offsets_retention_on() {
        watch.update(List.of(group(0, true)));
        clock.advance(Duration.ofMinutes(49).plusSeconds(59));
        assertThat(watch.update(List.of(group(0, true))).get(0).atRisk()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.update(List.of(group(0, true))).get(0).atRisk()).isTrue();
        clock.advance(Duration.ofMinutes(80));
        assertThat(watch.update(List.of(group(0, true))).get(0).usedRatio()).isEqualTo(1.3);
    }

    @Test
    void members_coming_back_reset_the_empty_time() {
        watch.update(List.of(group(0, true)));
        clock.advance(Duration.ofMinutes(70));
        assertThat(watch.update(List.of(group(1, false))).get(0).usedRatio()).isZero();
        clock.advance(Duration.ofMinutes(10));
        watch.update(List.of(group(0, true)));
        clock.advance(Duration.ofMinutes(10));

        OffsetsRetentionWatch.Watched w = watch.update(List.of(group(0, true))).get(0);
        assertThat(w.emptyFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(w.atRisk()).isFalse();
    }

    @Test
    void each_group_has_its_own_empty_time() {
        watch.update(List.of(group("a", 0, true), group("b", 1, false)));
        clock.advance(Duration.ofMinutes(60));
        List<OffsetsRetentionWatch.Watched> ws = watch.update(List.of(group("a", 0, true), group("b", 0, true)));

        assertThat(ws.get(0).atRisk()).isTrue();
        assertThat(ws.get(1).emptyFor()).isZero();
    }

    private static LagReport.Group group(int members, boolean empty) {
        return group("a", members, empty);
    }

    static LagReport.Group group(String consumer, int members, boolean empty) {
        return new LagReport.Group(consumer, "influxha-writer-" + consumer, empty ? "Empty" : "Stable", members, empty, RETENTION_MS);
    }

    /** A clock the test moves by hand. */
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
