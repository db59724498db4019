package io.influxha.core.health;

import io.influxha.core.metrics.Metrics;
import io.micrometer.core.instrument.Gauge;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One role of this process as {@code /health} and {@code /metrics} show it: a check named
 * {@code role gateway}, {@code role router}, {@code role writer-<backend>} or {@code role broker}
 * ({@code warn} while starting, {@code pass} while running, {@code fail} with the reason once it
 * failed) and the gauge {@code influxha_role_up{role,name}}, 1 while running, else 0 ({@code name}
 * is the backend for a writer, the role otherwise). A role stopped on purpose (SIGTERM) drops its
 * check: stopping is not a failure.
 */
public final class RoleHealth {
    /** Gauge values by role and name: one gauge per role for the life of the JVM, even when a role restarts (tests). */
    private static final Map<String, Integer> UP = new ConcurrentHashMap<>();

    private final String role;
    private final String name;
    private final String check;

    private RoleHealth(String role, String name) {
        this.role = role;
        this.name = name;
        this.check = "role " + (role.equals("writer") ? "writer-" + name : role);
    }

    /** A role about to start: {@code warn} "starting", gauge 0. {@code role} is gateway, router, writer or broker. */
    public static RoleHealth starting(String role, String name) {
        RoleHealth h = new RoleHealth(role, name);
        String key = h.key();
        if (UP.put(key, 0) == null) {
            Gauge.builder("influxha_role_up", UP, m -> m.getOrDefault(key, 0))
                    .description("1 while the role runs in this process, 0 once it stopped or failed (role: gateway, router, writer, broker; "
                            + "name: the backend for a writer, else the role)")
                    .tags("role", role, "name", name).register(Metrics.registry());
        }
        h.publish(HealthChecks.Status.WARN, "starting");
        return h;
    }

    public void running() {
        UP.put(key(), 1);
        publish(HealthChecks.Status.PASS, "running");
    }

    /** The role cannot continue: {@code reason} says why, and is what {@code /health} shows until the process exits. */
    public void failed(String reason) {
        UP.put(key(), 0);
        publish(HealthChecks.Status.FAIL, reason);
    }

    /** Stopped on purpose: gauge 0, no check. */
    public void stopped() {
        UP.put(key(), 0);
        HealthChecks.publish(source(), List.of());
    }

    /** The check's name, e.g. {@code role writer-a}. */
    public String check() {
        return check;
    }

    private void publish(HealthChecks.Status status, String message) {
        HealthChecks.publish(source(), List.of(new HealthChecks.Check(check, status, message)));
    }

    private String source() {
        return check;
    }

    private String key() {
        return role + "/" + name;
    }
}
