package io.influxha.e2e;

import io.influxha.e2e.reference.WorkloadClients;
import io.influxha.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to the system while the workload runs, each step once the clients completed a
 * share of their operations: the second writer of each backend joins, then writers leave (SIGTERM)
 * and return, or are killed (their partitions move after the session timeout), so both groups
 * rebalance about ten times; replica b is down from 20 % to 65 % (its writers then replay what it
 * missed); the gateway is killed once while a statement is in flight, and restarted; the router
 * is killed and restarted; replica a answers late for 3 s (SIGSTOP); the broker is killed and
 * restarted on its data ({@code -Dddl.faults=base} leaves these three out,
 * {@code -Dddl.brokerKill=false} the broker kill alone).
 */
final class ReferenceFaults {
    private static final Duration STEP = Duration.ofSeconds(120);
    /**
     * The extended schedule, the default ({@code -Dddl.faults=base} leaves it out): kill -9 of the
     * router, replica a answering late, and kill -9 of the broker ({@code -Dddl.brokerKill=false}
     * leaves that one out).
     */
    static final boolean EXTENDED = !"base".equals(System.getProperty("ddl.faults", "extended"));

    private record Step(double share, String name, Runnable action) {}

    private final ReferenceTopology system;
    private final WorkloadClients clients;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> done = new ArrayList<>();

    ReferenceFaults(ReferenceTopology system, WorkloadClients clients) {
        this.system = system;
        this.clients = clients;
        SeparateRoles roles = system.roles;
        steps.add(new Step(0.05, "writer-a2 and writer-b2 join", () -> {
            roles.addWriter("writer-a2", "a");
            roles.addWriter("writer-b2", "b");
        }));
        steps.add(new Step(0.15, "SIGTERM writer-a2", () -> roles.role("writer-a2").stop(Duration.ofSeconds(60))));
        steps.add(new Step(0.20, "influxd b stops", system.b::stop));
        steps.add(new Step(0.25, "writer-a2 restarts", () -> roles.role("writer-a2").start()));
        steps.add(new Step(0.30, "kill -9 writer-a", () -> roles.role("writer-a").kill()));
        boolean extended = EXTENDED;
        if (extended) {
            steps.add(new Step(0.35, "kill -9 router, restart", () -> {
                roles.role("router").kill();
                roles.role("router").start();
            }));
        }
        steps.add(new Step(0.40, "SIGTERM writer-b2", () -> roles.role("writer-b2").stop(Duration.ofSeconds(60))));
        if (extended) {
            steps.add(new Step(0.45, "influxd a answers late: SIGSTOP for 3 s, SIGCONT", () -> {
                system.a.pause();
                try {
                    Thread.sleep(3000); // the fault itself: a backend answering late, bounded
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    system.a.resume();
                }
            }));
        }
        steps.add(new Step(0.50, "writer-a restarts", () -> roles.role("writer-a").start()));
        steps.add(new Step(0.55, "kill -9 gateway while a statement is in flight, restart", () -> {
            awaitQuietly(clients::statementInFlight);
            roles.role("gateway").kill();
            roles.role("gateway").start();
            roles.awaitGateway(system.client);
        }));
        if (extended && Boolean.parseBoolean(System.getProperty("ddl.brokerKill", "true"))) {
            steps.add(new Step(0.60, "kill -9 broker, restart on its data", () -> {
                roles.role("broker").kill();
                roles.role("broker").start();
            }));
        }
        steps.add(new Step(0.65, "influxd b restarts", system.b::start));
        steps.add(new Step(0.70, "writer-b2 restarts", () -> roles.role("writer-b2").start()));
        steps.add(new Step(0.80, "kill -9 writer-b", () -> roles.role("writer-b").kill()));
        steps.add(new Step(0.85, "SIGTERM writer-a2", () -> roles.role("writer-a2").stop(Duration.ofSeconds(60))));
        steps.add(new Step(0.90, "writer-a2 and writer-b restart", () -> {
            roles.role("writer-a2").start();
            roles.role("writer-b").start();
        }));
    }

    /** Waits up to 5 s for {@code condition}, and goes on either way. */
    private static void awaitQuietly(java.util.function.BooleanSupplier condition) {
        try {
            Await.until(Duration.ofSeconds(5), condition, () -> "a statement in flight");
        } catch (AssertionError e) {
            // none came: kill it anyway
        }
    }

    /** Runs every step as the clients progress (all of them once the clients finished), then restores what is still down. */
    void run(int operations, long startNanos) {
        for (Step s : steps) {
            int target = (int) Math.ceil(s.share * operations);
            Await.until(STEP, () -> clients.completed() >= target || clients.finished(),
                    () -> "the workload to complete " + target + " operations before \"" + s.name + "\" (completed " + clients.completed() + ")");
            long at = System.nanoTime();
            int ops = clients.completed();
            s.action.run();
            done.add(String.format("+%.1fs after %d ops (%.1fs): %s", (at - startNanos) / 1e9, ops, (System.nanoTime() - at) / 1e9, s.name));
        }
        system.restoreAll();
    }

    /** The steps as they happened, for the report. */
    List<String> done() {
        return done;
    }
}
