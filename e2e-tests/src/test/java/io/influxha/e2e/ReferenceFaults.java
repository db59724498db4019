package io.influxha.e2e;

import io.influxha.e2e.reference.WorkloadClients;
import io.influxha.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to the system while the workload runs, each step once the clients completed a
 * share of their operations: the second writer of each backend joins (the groups rebalance),
 * replica b stops, writer-a is killed (its partitions move after the session timeout), writer-b2
 * leaves gracefully, writer-a returns, the gateway is killed and restarted, replica b returns
 * (its writers replay what it missed), writer-b2 returns while writer-a2 leaves, writer-a2 returns.
 */
final class ReferenceFaults {
    private static final Duration STEP = Duration.ofSeconds(120);

    private record Step(double share, String name, Runnable action) {}

    private final ReferenceTopology system;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> done = new ArrayList<>();

    ReferenceFaults(ReferenceTopology system) {
        this.system = system;
        SeparateRoles roles = system.roles;
        steps.add(new Step(0.05, "writer-a2 and writer-b2 join", () -> {
            roles.addWriter("writer-a2", "a");
            roles.addWriter("writer-b2", "b");
        }));
        steps.add(new Step(0.20, "influxd b stops", system.b::stop));
        steps.add(new Step(0.30, "kill -9 writer-a", () -> roles.role("writer-a").kill()));
        steps.add(new Step(0.40, "SIGTERM writer-b2", () -> roles.role("writer-b2").stop(Duration.ofSeconds(60))));
        steps.add(new Step(0.50, "writer-a restarts", () -> roles.role("writer-a").start()));
        steps.add(new Step(0.55, "kill -9 gateway, restart", () -> {
            roles.role("gateway").kill();
            roles.role("gateway").start();
            roles.awaitGateway(system.client);
        }));
        steps.add(new Step(0.65, "influxd b restarts", system.b::start));
        steps.add(new Step(0.75, "writer-b2 restarts, SIGTERM writer-a2", () -> {
            roles.role("writer-b2").start();
            roles.role("writer-a2").stop(Duration.ofSeconds(60));
        }));
        steps.add(new Step(0.90, "writer-a2 restarts", () -> roles.role("writer-a2").start()));
    }

    /** Runs every step as the clients progress (all of them once the clients finished), then restores what is still down. */
    void run(WorkloadClients clients, int operations, long startNanos) {
        for (Step s : steps) {
            int target = (int) Math.ceil(s.share * operations);
            Await.until(STEP, () -> clients.completed() >= target || clients.finished(),
                    () -> "the workload to complete " + target + " operations before \"" + s.name + "\" (completed " + clients.completed() + ")");
            s.action.run();
            done.add(String.format("+%.1fs after %d ops: %s", (System.nanoTime() - startNanos) / 1e9, clients.completed(), s.name));
        }
        system.restoreAll();
    }

    /** The steps as they happened, for the report. */
    List<String> done() {
        return done;
    }
}
