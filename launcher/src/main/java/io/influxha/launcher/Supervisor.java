package io.influxha.launcher;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Watches the roles of one process ({@code all}): the first role that ends while the process is
 * not stopping is a failure, and {@link #await()} returns it so the process can stop the others and
 * exit 1 (docs/operations.md, "Supervision"). A role that ends after {@link #stopping()} was
 * called is being stopped on purpose, never a failure.
 */
final class Supervisor {
    /** A role that ended by itself: {@code role} is gateway, router, writer or broker, {@code name} the backend for a writer. */
    record Failure(String role, String name, String reason) {}

    private final CompletableFuture<Optional<Failure>> outcome = new CompletableFuture<>();

    /**
     * Watches a role: when {@code ended} completes, the role failed unless the process is
     * stopping; {@code reason} then says why (asked once, when it ended).
     */
    void watch(String role, String name, CompletableFuture<?> ended, Supplier<Optional<String>> reason) {
        ended.whenComplete((ignored, error) -> {
            if (outcome.isDone()) {
                return;
            }
            String why = error != null ? "watch failed: " + error : reason.get().orElse("ended by itself");
            outcome.complete(Optional.of(new Failure(role, name, why)));
        });
    }

    /** The process is stopping on purpose: roles that end from now on did not fail. */
    void stopping() {
        outcome.complete(Optional.empty());
    }

    /** Blocks until a role failed (the first one) or the process began stopping (empty). */
    Optional<Failure> await() throws InterruptedException {
        try {
            return outcome.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("supervisor outcome cannot fail", e);
        }
    }
}
