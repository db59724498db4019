package io.influxha.core.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The process's health checks, for every {@code /health} it serves: each source (the retention
 * watch, the stuck-LSO watch, the role supervisor) publishes its current list, replacing its
 * previous one; readers see every source's latest list, sources in name order. Process-wide, like
 * {@code Metrics.registry()}: the roles and watches of one process start separately.
 */
public final class HealthChecks {
    /** A check's verdict: {@code warn} keeps the process serving; {@code fail} means a part of it stopped. */
    public enum Status {
        PASS, WARN, FAIL;

        /** As InfluxDB's health JSON spells it. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One check: {@code message} names what is wrong and where (consumer, topic, partition, role). */
    public record Check(String name, Status status, String message) {}

    private static final Map<String, List<Check>> BY_SOURCE = new ConcurrentSkipListMap<>();

    private HealthChecks() {}

    /** Replaces {@code source}'s checks with {@code checks} (an empty list clears them). */
    public static void publish(String source, List<Check> checks) {
        if (checks.isEmpty()) {
            BY_SOURCE.remove(source);
        } else {
            BY_SOURCE.put(source, List.copyOf(checks));
        }
    }

    /** Every source's latest checks. */
    public static List<Check> all() {
        List<Check> all = new ArrayList<>();
        BY_SOURCE.values().forEach(all::addAll);
        return all;
    }

    /** {@code fail} when any check fails, else {@code pass} (warnings keep the process serving). */
    public static Status overall(List<Check> checks) {
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? Status.FAIL : Status.PASS;
    }
}
