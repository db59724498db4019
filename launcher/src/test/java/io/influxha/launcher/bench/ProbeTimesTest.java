package io.influxha.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeTimesTest {
    private static final long MS = 1_000_000;

    @Test
    void a_probe_is_visible_when_the_slowest_replica_first_shows_it() {
        ProbeTimes t = new ProbeTimes(2);
        int p0 = t.next();
        t.acked(p0, 100 * MS);
        t.seen(0, p0, 120 * MS);
        t.seen(1, p0, 150 * MS);
        ProbeTimes.Visibility v = t.visibility();
        assertThat(v.micros().getTotalCount()).isEqualTo(1);
        assertThat(BenchResult.ms(v.micros(), 99)).isBetween(49.9, 50.1);
        assertThat(v.notVisible()).isZero();
    }

    @Test
    void seeing_a_higher_probe_marks_every_lower_one_seen_at_that_time_and_later_polls_do_not_move_it() {
        ProbeTimes t = new ProbeTimes(1);
        for (int k = 0; k < 3; k++) {
            t.acked(t.next(), (10 + k) * MS); // acks at 10, 11, 12 ms
        }
        t.seen(0, 1, 20 * MS);               // probes 0 and 1 first seen at 20 ms
        t.seen(0, 1, 90 * MS);               // seen again: keeps 20 ms
        t.seen(0, 2, 30 * MS);               // probe 2 at 30 ms
        ProbeTimes.Visibility v = t.visibility();
        assertThat(v.micros().getTotalCount()).isEqualTo(3);
        assertThat(v.micros().getMinValue() / 1000.0).isBetween(8.9, 9.1);   // 20 - 11
        assertThat(v.micros().getMaxValue() / 1000.0).isBetween(17.9, 18.1); // 30 - 12
    }

    @Test
    void unacknowledged_probes_are_not_counted_and_unseen_ones_are_reported_not_visible() {
        ProbeTimes t = new ProbeTimes(2);
        int p0 = t.next();
        t.next();                            // p1: sent, never acknowledged
        int p2 = t.next();
        t.acked(p0, MS);
        t.failed();
        t.acked(p2, 3 * MS);
        t.seen(0, p2, 5 * MS);
        t.seen(1, p0, 5 * MS);               // replica 1 never shows p2
        ProbeTimes.Visibility v = t.visibility();
        assertThat(v.micros().getTotalCount()).isEqualTo(1);
        assertThat(v.notVisible()).isEqualTo(1);
        assertThat(v.failed()).isEqualTo(1);
        assertThat(v.line(10)).isEqualTo("visibility: probes=1 p50=4.0ms p99=4.0ms max=4.0ms not_visible=1 poll_interval=10ms failed=1");
    }

    @Test
    void percentiles_come_from_every_counted_probe() {
        ProbeTimes t = new ProbeTimes(1);
        for (int k = 0; k < 100; k++) {
            int p = t.next();
            t.acked(p, 0);
            t.seen(0, p, (k + 1) * MS);      // latencies 1 .. 100 ms
        }
        ProbeTimes.Visibility v = t.visibility();
        assertThat(v.resultFields()).isEqualTo(" vis_p50_ms=50.0 vis_p99_ms=99.0");
    }

    @Test
    void a_probe_seen_before_its_ack_returned_counts_zero_not_negative() {
        ProbeTimes t = new ProbeTimes(1);
        int p = t.next();
        t.seen(0, p, 5 * MS);
        t.acked(p, 7 * MS);
        assertThat(t.visibility().micros().getMaxValue()).isZero();
    }

    @Test
    void values_above_the_probes_sent_are_ignored_and_a_replica_is_complete_once_probing_ended() {
        ProbeTimes t = new ProbeTimes(1);
        t.seen(0, 5, MS);                    // nothing sent yet: a foreign value
        int p = t.next();
        t.acked(p, MS);
        assertThat(t.complete(0)).isFalse();
        t.seen(0, 7, 2 * MS);                // clamped to probe 0
        assertThat(t.complete(0)).isFalse(); // probing not finished
        t.finish();
        assertThat(t.complete(0)).isTrue();
        assertThat(t.visibility().micros().getTotalCount()).isEqualTo(1);
    }

    @Test
    void no_probe_seen_gives_minus_one_in_the_result_line() {
        ProbeTimes t = new ProbeTimes(1);
        t.acked(t.next(), MS);
        assertThat(t.visibility().resultFields()).isEqualTo(" vis_p50_ms=-1 vis_p99_ms=-1");
    }

    @Test
    void the_max_is_read_from_an_influxdb_answer_and_an_empty_answer_has_none() {
        assertThat(VisibilityProbes.maxOf("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"influxha_probe\","
                + "\"columns\":[\"time\",\"max\"],\"values\":[[1764300000000000000,1764300000000042]]}]}]}"))
                .isEqualTo(1764300000000042L);
        assertThat(VisibilityProbes.maxOf("{\"results\":[{\"statement_id\":0}]}")).isEqualTo(Long.MIN_VALUE);
    }
}
