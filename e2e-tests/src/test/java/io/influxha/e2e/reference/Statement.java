package io.influxha.e2e.reference;

/**
 * One DDL statement of the workload, as text (exactly what the gateway publishes, but for
 * {@code now()}) and as what it may remove, so the ledger can tell which points it covers.
 *
 * @param db the database it changes: the one it names, else the request's
 * @param rp the policy it names (RP statements), else null
 * @param measurement DROP MEASUREMENT, DROP SERIES, DELETE: the measurement, null for every one
 * @param host DROP SERIES, DELETE: the value of tag {@code host} it is limited to, else null
 * @param fromNs DELETE: {@code time >= fromNs}, null when unbounded
 * @param toNs DELETE: {@code time < toNs}, null when unbounded (or bounded by {@code now()})
 * @param nowMinusNs DELETE: {@code time < now() - nowMinusNs}, null when it names no {@code now()}
 */
public record Statement(Kind kind, String db, String rp, String measurement, String host, Long fromNs, Long toNs, Long nowMinusNs,
        String text) {
    /** Margin for the gateway's clock reading now() between our own two readings. */
    private static final long CLOCK_MARGIN_NS = 5_000_000L;

    public enum Kind { CREATE_DATABASE, DROP_DATABASE, CREATE_RP, ALTER_RP, DROP_RP, DROP_MEASUREMENT, DROP_SERIES, DELETE }

    /** DROP, DELETE and ALTER wait for a cut; CREATE is applied when first met (docs/ddl-through-the-log.md). */
    public boolean barrier() {
        return switch (kind) {
            case CREATE_DATABASE, CREATE_RP -> false;
            default -> true;
        };
    }

    /** Whether it removes points: the statements the ordering checks are about. */
    public boolean removesPoints() {
        return kind == Kind.DROP_DATABASE || kind == Kind.DROP_RP || kind == Kind.DROP_MEASUREMENT || kind == Kind.DROP_SERIES
                || kind == Kind.DELETE;
    }

    /**
     * Whether it certainly removes point {@code p} (at {@code timeNs}) written to {@code db}/{@code
     * rp} ({@code rp} empty: the default, unknown here) if applied after it; {@code sentWallNs}
     * bounds from below what {@code now()} stood for.
     */
    public boolean surelyCovers(String writeDb, String writeRp, Point p, long timeNs, long sentWallNs) {
        if (kind == Kind.DROP_RP) {
            return db.equals(writeDb) && rp.equals(writeRp);
        }
        return covers(writeDb, p, timeNs, sentWallNs - CLOCK_MARGIN_NS);
    }

    /** Whether it may remove the point; {@code answeredWallNs} bounds now() from above (Long.MAX_VALUE: unknown). */
    public boolean mayCover(String writeDb, String writeRp, Point p, long timeNs, long answeredWallNs) {
        if (kind == Kind.DROP_RP) {
            return db.equals(writeDb) && (rp.equals(writeRp) || writeRp.isEmpty());
        }
        long now = answeredWallNs == Long.MAX_VALUE ? Long.MAX_VALUE : answeredWallNs + CLOCK_MARGIN_NS;
        return covers(writeDb, p, timeNs, now);
    }

    private boolean covers(String writeDb, Point p, long timeNs, long nowNs) {
        if (!removesPoints() || !db.equals(writeDb)) {
            return false;
        }
        if (kind == Kind.DROP_DATABASE) {
            return true;
        }
        if (measurement != null && !measurement.equals(p.measurement())) {
            return false;
        }
        if (host != null && !host.equals(p.tag("host"))) {
            return false;
        }
        if (kind != Kind.DELETE) {
            return true;
        }
        boolean afterFrom = fromNs == null || timeNs >= fromNs;
        boolean beforeTo = toNs == null || timeNs < toNs;
        boolean beforeNow = nowMinusNs == null || nowNs == Long.MAX_VALUE || timeNs < nowNs - nowMinusNs;
        return afterFrom && beforeTo && beforeNow;
    }
}
