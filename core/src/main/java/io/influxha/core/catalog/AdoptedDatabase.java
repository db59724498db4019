package io.influxha.core.catalog;

import io.influxha.core.catalog.ShowRetentionPolicies.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalog entries of a database found only on a backend (created there before influx-ha),
 * recording every retention policy it has there, so that {@link Catalog#recreate} makes the same
 * policies on a backend that lacks it, and writes are checked against what it really has:
 * <ul>
 *   <li>with a default policy: {@code CREATE DATABASE .. WITH DURATION .. REPLICATION .. SHARD
 *       DURATION .. NAME <default>}, which makes that policy, as the default, and no autogen; every
 *       other policy its own {@code CREATE RETENTION POLICY};</li>
 *   <li>without one (1.x keeps the name of a dropped default and SHOW does not tell it): a plain
 *       {@code CREATE DATABASE}, which makes autogen. Without autogen on the backend, autogen is
 *       recorded as dropped and as the default, the common case of a dropped default; with autogen
 *       (so the dropped default had another name), autogen is altered to its settings and the
 *       default is unknown (empty): a write without {@code rp} names no existing policy.</li>
 * </ul>
 */
public final class AdoptedDatabase {
    private static final String AUTOGEN = "autogen";
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNITS = {"h", "m", "s", "ms", "u", "ns"};

    private AdoptedDatabase() {}

    /** The database entry first, then one entry per policy, all of one new incarnation. */
    public static List<CatalogEntry> entries(String db, List<Policy> policies) {
        String incarnation = UUID.randomUUID().toString();
        Policy def = policies.stream().filter(Policy::isDefault).findFirst().orElse(null);
        Policy autogen = policies.stream().filter(p -> p.name().equals(AUTOGEN)).findFirst().orElse(null);
        List<CatalogEntry> out = new ArrayList<>();
        if (def != null) {
            out.add(CatalogEntry.database(db, "CREATE DATABASE " + Catalog.quote(db) + " WITH " + settings(def) + " NAME "
                    + Catalog.quote(def.name()), def.name(), incarnation));
        } else {
            out.add(CatalogEntry.database(db, "CREATE DATABASE " + Catalog.quote(db), AUTOGEN, incarnation)
                    .withDefaultRp(autogen == null ? AUTOGEN : ""));
            out.add(autogen == null ? CatalogEntry.droppedRetentionPolicy(db, AUTOGEN, incarnation)
                    : CatalogEntry.retentionPolicy(db, AUTOGEN, List.of("ALTER RETENTION POLICY " + Catalog.quote(AUTOGEN) + " ON "
                            + Catalog.quote(db) + " " + settings(autogen)), incarnation));
        }
        for (Policy p : policies) {
            if (p != def && !(def == null && p == autogen)) {
                out.add(CatalogEntry.retentionPolicy(db, p.name(), List.of("CREATE RETENTION POLICY " + Catalog.quote(p.name()) + " ON "
                        + Catalog.quote(db) + " " + settings(p)), incarnation));
            }
        }
        return out;
    }

    private static String settings(Policy p) {
        String shard = p.shardGroupNanos() > 0 ? " SHARD DURATION " + influxQlDuration(p.shardGroupNanos()) : "";
        return "DURATION " + influxQlDuration(p.durationNanos()) + " REPLICATION " + p.replicaN() + shard;
    }

    /** An InfluxQL duration literal in the largest unit that holds it exactly; 0 is {@code INF}. */
    static String influxQlDuration(long nanos) {
        if (nanos == 0) {
            return "INF";
        }
        for (int i = 0; i < UNIT_NANOS.length; i++) {
            if (nanos % UNIT_NANOS[i] == 0) {
                return nanos / UNIT_NANOS[i] + UNITS[i];
            }
        }
        throw new AssertionError("unreachable: every duration is a whole number of nanoseconds");
    }
}
