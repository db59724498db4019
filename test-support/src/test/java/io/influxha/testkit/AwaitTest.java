package io.influxha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returns_once_the_condition_holds() {
        AtomicInteger polls = new AtomicInteger();

        Await.until(Duration.ofSeconds(5), () -> polls.incrementAndGet() >= 3, () -> "three polls");

        assertThat(polls).hasValue(3);
    }

    @Test
    void fails_with_what_was_awaited_and_the_last_observed_state() {
        AtomicInteger seen = new AtomicInteger();

        assertThatThrownBy(() -> Await.until(Duration.ofMillis(120), () -> seen.incrementAndGet() < 0, () -> "count < 0, saw " + seen.get()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("gave up after 120 ms waiting for count < 0, saw ");
    }

    @Test
    void a_probe_that_keeps_throwing_is_reported_with_its_error() {
        assertThatThrownBy(() -> Await.value(Duration.ofMillis(100), () -> {
            throw new IllegalStateException("connection refused");
        }, v -> true, () -> "the server"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for the server")
                .hasMessageContaining("last probe failed: java.lang.IllegalStateException: connection refused");
    }

    @Test
    void value_returns_the_first_accepted_value() {
        AtomicInteger n = new AtomicInteger();

        assertThat(Await.value(Duration.ofSeconds(5), n::incrementAndGet, v -> v == 2, () -> "2")).isEqualTo(2);
    }
}
