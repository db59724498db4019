package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux b = new FakeInflux("b");
    private final Replicas replicas = new Replicas(Map.of("s", List.of("a", "b")), 10, (backend, shard) -> 0);
    private final HealthChecker checker = new HealthChecker(List.of(a.settings(), b.settings()), replicas, Duration.ofMillis(500));

    @AfterEach
    void stop() {
        checker.close();
        a.close();
        b.close();
    }

    @Test
    void a_backend_whose_ping_is_not_204_is_unhealthy_until_it_answers_again() {
        a.pingStatus = 500;

        checker.checkAll();

        assertThat(replicas.isHealthy("a")).isFalse();
        assertThat(replicas.isHealthy("b")).isTrue();
        assertThat(replicas.candidates("s")).extracting(Replicas.Choice::backend).containsExactly("b", "a");
        a.pingStatus = 204;
        checker.checkAll();
        assertThat(replicas.isHealthy("a")).isTrue();
    }

    @Test
    void a_backend_that_refuses_connections_is_unhealthy_and_does_not_delay_the_others() {
        b.close();
        long start = System.nanoTime();

        checker.checkAll();

        assertThat(replicas.isHealthy("b")).isFalse();
        assertThat(replicas.isHealthy("a")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
