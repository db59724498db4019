package io.influxha.e2e.reference;

import java.util.SplittableRandom;

/**
 * The statements of the workload, in the exact text the gateway publishes (it only writes
 * {@code now()} out as a time literal): CREATE/DROP DATABASE, CREATE/ALTER/DROP RETENTION POLICY
 * with and without DEFAULT, DROP MEASUREMENT, DROP SERIES, and DELETE over an absolute range
 * (nanosecond literals on the workload's grid), with a tag, over every measurement, or up to
 * {@code now() - 9m} or {@code now()}. Some are refused by influxd (a duration shorter than the
 * policy's shard duration, a policy created twice with other settings): those are skipped alike.
 */
final class DdlPlans {
    private static final long SECOND = 1_000_000_000L;
    private static final long NINE_MINUTES = 9 * 60 * SECOND;
    private final long gridStartNs;

    DdlPlans(long gridStartNs) {
        this.gridStartNs = gridStartNs;
    }

    /** One statement, by weight (out of 38 for the statement share of the workload). */
    Statement next(SplittableRandom r) {
        int w = r.nextInt(38);
        String db = Workload.database(r);
        if (w < 5) {
            return createDatabase(db);
        } else if (w < 6) {
            return new Statement(Statement.Kind.DROP_DATABASE, db, null, null, null, null, null, null, "DROP DATABASE " + db);
        } else if (w < 13) {
            String rp = Workload.pick(r, "r1", "r2", "r2");
            return createPolicy(db, rp, Workload.pick(r, "2h", "3h", "INF"), r.nextInt(3) == 0, r.nextInt(3) == 0);
        } else if (w < 18) {
            String rp = Workload.pick(r, "autogen", "r1", "r2", "r2");
            String change = Workload.pick(r, "DURATION 1h", "DURATION 3h", "DURATION INF", "SHARD DURATION 2h", "DEFAULT", "DEFAULT");
            return new Statement(Statement.Kind.ALTER_RP, db, rp, null, null, null, null, null,
                    "ALTER RETENTION POLICY " + rp + " ON " + db + " " + change);
        } else if (w < 20) {
            String rp = Workload.pick(r, "r1", "r2", "r2", "r2", "autogen");
            return new Statement(Statement.Kind.DROP_RP, db, rp, null, null, null, null, null,
                    "DROP RETENTION POLICY " + rp + " ON " + db);
        } else if (w < 23) {
            String m = Workload.pick(r, Workload.MEASUREMENTS);
            return new Statement(Statement.Kind.DROP_MEASUREMENT, db, null, m, null, null, null, null, "DROP MEASUREMENT " + m);
        } else if (w < 26) {
            String m = Workload.pick(r, Workload.MEASUREMENTS);
            String host = Workload.pick(r, Workload.HOSTS);
            return new Statement(Statement.Kind.DROP_SERIES, db, null, m, host, null, null, null,
                    "DROP SERIES FROM " + m + " WHERE host = '" + host + "'");
        }
        return delete(r, db);
    }

    private Statement delete(SplittableRandom r, String db) {
        String m = Workload.pick(r, Workload.MEASUREMENTS);
        int w = r.nextInt(12);
        long a = gridStartNs + r.nextInt(Workload.GRID_SECONDS) * SECOND;
        long b = a + (1 + r.nextInt(20)) * SECOND;
        if (w < 6) {
            return new Statement(Statement.Kind.DELETE, db, null, m, null, a, b, null,
                    "DELETE FROM " + m + " WHERE time >= " + a + " AND time < " + b);
        } else if (w < 8) {
            String host = Workload.pick(r, Workload.HOSTS);
            return new Statement(Statement.Kind.DELETE, db, null, m, host, null, b, null,
                    "DELETE FROM " + m + " WHERE host = '" + host + "' AND time < " + b);
        } else if (w < 10) {
            return new Statement(Statement.Kind.DELETE, db, null, null, null, a, b, null,
                    "DELETE WHERE time >= " + a + " AND time < " + b);
        } else if (w < 11) {
            return new Statement(Statement.Kind.DELETE, db, null, m, null, null, null, NINE_MINUTES,
                    "DELETE FROM " + m + " WHERE time < now() - 9m");
        }
        return new Statement(Statement.Kind.DELETE, db, null, m, null, null, null, 0L, "DELETE FROM " + m + " WHERE time < now()");
    }

    Statement createDatabase(String db) {
        return new Statement(Statement.Kind.CREATE_DATABASE, db, null, null, null, null, null, null, "CREATE DATABASE " + db);
    }

    Statement createPolicy(String db, String rp, String duration, boolean shardHour, boolean isDefault) {
        String text = "CREATE RETENTION POLICY " + rp + " ON " + db + " DURATION " + duration + " REPLICATION 1"
                + (shardHour ? " SHARD DURATION 1h" : "") + (isDefault ? " DEFAULT" : "");
        return new Statement(Statement.Kind.CREATE_RP, db, rp, null, null, null, null, null, text);
    }
}
