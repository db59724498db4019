package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which role's end is a failure of the process, and which is the process stopping. */
class SupervisorTest {
    private final Supervisor supervisor = new Supervisor();
    private final CompletableFuture<Void> writerA = new CompletableFuture<>();
    private final CompletableFuture<Void> router = new CompletableFuture<>();

    @Test
    void a_role_that_ends_while_the_process_runs_is_a_failure_with_its_reason() throws Exception {
        supervisor.watch("writer", "a", writerA, () -> Optional.of("writer loop failed: boom"));
        supervisor.watch("router", "router", router, Optional::empty);

        writerA.complete(null);

        assertThat(supervisor.await()).contains(new Supervisor.Failure("writer", "a", "writer loop failed: boom"));
    }

    @Test
    void the_first_failure_is_the_one_reported() throws Exception {
        supervisor.watch("writer", "a", writerA, () -> Optional.of("first"));
        supervisor.watch("router", "router", router, () -> Optional.of("second"));

        router.complete(null);
        writerA.complete(null);

        assertThat(supervisor.await()).map(Supervisor.Failure::role).contains("router");
    }

    @Test
    void roles_that_end_after_stopping_began_are_not_failures() throws Exception {
        supervisor.watch("writer", "a", writerA, () -> Optional.of("would be a failure"));

        supervisor.stopping();
        writerA.complete(null);

        assertThat(supervisor.await()).isEmpty();
    }

    @Test
    void a_role_that_ends_without_saying_why_still_fails_the_process() throws Exception {
        supervisor.watch("gateway", "gateway", writerA, Optional::empty);

        writerA.complete(null);

        assertThat(supervisor.await()).contains(new Supervisor.Failure("gateway", "gateway", "ended by itself"));
    }

    @Test
    void a_role_that_had_already_ended_when_watched_is_seen_at_once() throws Exception {
        writerA.complete(null);

        supervisor.watch("broker", "broker", writerA, () -> Optional.of("embedded broker process pid 7 exited with code 137"));

        assertThat(supervisor.await()).map(Supervisor.Failure::reason).contains("embedded broker process pid 7 exited with code 137");
    }

    @Test
    void while_every_role_runs_await_blocks() {
        supervisor.watch("writer", "a", writerA, Optional::empty);

        CompletableFuture<Optional<Supervisor.Failure>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return supervisor.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(waiting).isNotDone();
        supervisor.stopping();
        assertThat(waiting).succeedsWithin(5, TimeUnit.SECONDS).isEqualTo(Optional.empty());
    }
}
