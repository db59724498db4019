package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void lets_the_first_event_through_then_one_per_interval_and_again_at_once_after_a_reset() {
        LogThrottle throttle = new LogThrottle(1000);
        assertThat(throttle.allow(0)).isTrue();
        assertThat(throttle.allow(10)).isFalse();
        assertThat(throttle.allow(999)).isFalse();
        assertThat(throttle.allow(1000)).isTrue();
        assertThat(throttle.allow(1001)).isFalse();
        throttle.reset();
        assertThat(throttle.allow(1002)).isTrue();
    }
}
