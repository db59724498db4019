package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void grows_exponentially_with_jitter_between_half_and_all_of_the_step() {
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.delayNanos(1)).isBetween(ms(50), ms(100));
            assertThat(backoff.delayNanos(2)).isBetween(ms(100), ms(200));
            assertThat(backoff.delayNanos(4)).isBetween(ms(400), ms(800));
        }
    }

    @Test
    void never_exceeds_the_maximum_even_after_very_many_attempts() {
        for (int attempt : new int[] {6, 10, 63, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayNanos(attempt)).isBetween(ms(1000), ms(2000));
        }
    }

    @Test
    void a_longer_retry_after_wins_and_a_shorter_one_does_not_shorten_the_backoff() {
        assertThat(backoff.delayNanos(1, Duration.ofSeconds(7))).isEqualTo(ms(7000));
        assertThat(backoff.delayNanos(4, Duration.ofMillis(1))).isBetween(ms(400), ms(800));
        assertThat(backoff.delayNanos(1, Duration.ofDays(3))).isEqualTo(Duration.ofMinutes(5).toNanos());
    }

    @Test
    void slow_retries_wait_about_the_maximum() {
        assertThat(backoff.slowNanos()).isBetween(ms(1000), ms(2000));
    }

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
