package io.influxha.core.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's current state as read from its topic: databases, retention policies, and which
 * backend applied which barrier statement. Thread-safe: one thread applies records, any reads.
 */
public final class Catalog {
    private static final java.util.regex.Pattern DEFAULT_WORD = java.util.regex.Pattern.compile("(?i)\\bDEFAULT\\b");
    /** What the catalog knows of a database name. */
    public enum Presence {
        /** Created through influx-ha (or found on a backend) and not dropped since. */
        LIVE,
        /** Dropped through influx-ha, or never known. */
        ABSENT
    }

    private final Map<String, CatalogEntry> databases = new ConcurrentHashMap<>();
    private final Map<String, CatalogEntry> retentionPolicies = new ConcurrentHashMap<>();
    private final Map<String, CatalogEntry> applied = new ConcurrentHashMap<>();
    /** Per database, the incarnations its entries have named, as far as this catalog has read (never compacted away here). */
    private final Map<String, java.util.Set<String>> incarnations = new ConcurrentHashMap<>();

    /** What the catalog can tell of incarnation {@code incarnation} of {@code db}. */
    public enum Incarnation { LIVE, DROPPED, UNKNOWN }

    /**
     * Whether incarnation {@code incarnation} of {@code db} is the live one, was dropped (the
     * database was dropped since, or created again as another), or is unknown here: never read
     * (created after what this catalog has read, or dropped before compaction removed its record).
     */
    public Incarnation incarnation(String db, String incarnation) {
        CatalogEntry e = databases.get(db);
        if (e == null || !seen(incarnations, db, incarnation)) {
            return Incarnation.UNKNOWN;
        }
        return !e.dropped() && e.incarnation().equals(incarnation) ? Incarnation.LIVE : Incarnation.DROPPED;
    }

    /** Per {@code db NUL rp}, the policy incarnations entries have named (the database's own for the policy its CREATE made). */
    private final Map<String, java.util.Set<String>> policyIncarnations = new ConcurrentHashMap<>();

    /**
     * The incarnation of live policy {@code rp} of {@code db}: the one its CREATE RETENTION POLICY
     * made, or for the policy the database's CREATE made (no entry of its own) the database's
     * incarnation; "" when the policy is not live or its entry predates policy incarnations.
     */
    public String policyIncarnation(String db, String rp) {
        CatalogEntry d = database(db).orElse(null);
        if (d == null || rp.isEmpty()) {
            return "";
        }
        CatalogEntry e = retentionPolicies.get(db + "\u0000" + rp);
        if (e != null && e.incarnation().equals(d.incarnation())) {
            return e.dropped() ? "" : e.policyIncarnation();
        }
        return rp.equals(d.createdRp()) ? d.incarnation() : "";
    }

    /** As {@link #incarnation(String, String)}, for incarnation {@code incarnation} of policy {@code rp} of {@code db}. */
    public Incarnation policyIncarnation(String db, String rp, String incarnation) {
        if (incarnation.isEmpty() || !seen(policyIncarnations, db + "\u0000" + rp, incarnation)) {
            return Incarnation.UNKNOWN;
        }
        String live = policyIncarnation(db, rp);
        if (live.isEmpty() && hasRetentionPolicy(db, rp)) {
            return Incarnation.LIVE; // live, from an entry that names no incarnation (an earlier version's): never discard for it
        }
        return incarnation.equals(live) ? Incarnation.LIVE : Incarnation.DROPPED;
    }

    private void policySeen(String db, String rp, String incarnation) {
        if (!incarnation.isEmpty() && !rp.isEmpty()) {
            see(policyIncarnations, db + "\u0000" + rp, incarnation);
        }
    }

    /** Incarnations read, per scope (a database, or {@code db NUL rp}): read on every data record, so lock-free. */
    private static boolean seen(Map<String, java.util.Set<String>> byScope, String scope, String incarnation) {
        java.util.Set<String> read = byScope.get(scope);
        return read != null && read.contains(incarnation);
    }

    private static void see(Map<String, java.util.Set<String>> byScope, String scope, String incarnation) {
        byScope.computeIfAbsent(scope, k -> ConcurrentHashMap.newKeySet()).add(incarnation);
    }

    /** Per gateway instance, the last DDL statement it committed, least recently updated first. */
    private final Map<String, String> lastOfGateways = new java.util.LinkedHashMap<>();

    /** The last statements of the {@code max} gateway instances that committed one most recently. */
    public List<String> lastStatementsOfGateways(int max) {
        synchronized (lastOfGateways) {
            List<String> all = new ArrayList<>(lastOfGateways.values());
            return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
        }
    }

    public void apply(CatalogEntry e) {
        switch (e.kind()) {
            case DATABASE -> {
                databases.put(e.db(), e);
                if (!e.incarnation().isEmpty()) {
                    see(incarnations, e.db(), e.incarnation());
                    if (!e.dropped()) {
                        policySeen(e.db(), e.createdRp(), e.incarnation());
                    }
                }
            }
            case RETENTION_POLICY -> {
                retentionPolicies.put(e.db() + "\u0000" + e.rp(), e);
                policySeen(e.db(), e.rp(), e.policyIncarnation());
            }
            case APPLIED -> applied.put(e.backend() + "\u0000" + e.ddlId(), e);
            case GATEWAY -> {
                synchronized (lastOfGateways) {
                    lastOfGateways.remove(e.backend()); // re-inserted last: the most recently updated last
                    lastOfGateways.put(e.backend(), e.ddlId());
                }
            }
        }
    }

    public Presence presence(String db) {
        CatalogEntry e = databases.get(db);
        return e != null && !e.dropped() ? Presence.LIVE : Presence.ABSENT;
    }

    /** True when the name was ever recorded, live or dropped. */
    public boolean knows(String db) {
        return databases.containsKey(db);
    }

    /** Whether any entry, live or dropped, of any incarnation of {@code db}, names policy {@code rp}. */
    public boolean knowsPolicy(String db, String rp) {
        return retentionPolicies.containsKey(db + "\u0000" + rp);
    }

    public Optional<CatalogEntry> database(String db) {
        return Optional.ofNullable(databases.get(db)).filter(e -> !e.dropped());
    }

    public Optional<CatalogEntry> retentionPolicy(String db, String rp) {
        String incarnation = database(db).map(CatalogEntry::incarnation).orElse(null);
        return Optional.ofNullable(retentionPolicies.get(db + "\u0000" + rp))
                .filter(e -> !e.dropped() && e.incarnation().equals(incarnation));
    }

    /**
     * Whether the live database {@code db} has the policy {@code rp} now, as 1.x's meta data
     * answers it (exact, case-sensitive name): made by its CREATE DATABASE or by a CREATE RETENTION
     * POLICY of its current incarnation, and not dropped since.
     */
    public boolean hasRetentionPolicy(String db, String rp) {
        CatalogEntry d = database(db).orElse(null);
        if (d == null || rp.isEmpty()) {
            return false;
        }
        CatalogEntry e = retentionPolicies.get(db + "\u0000" + rp);
        if (e != null && e.incarnation().equals(d.incarnation())) {
            return !e.dropped();
        }
        return rp.equals(d.createdRp());
    }

    /**
     * The policy a write to {@code db} names: {@code rp}, or for an empty one the database's default,
     * as 1.x's PointsWriter resolves it; that name stays the default after its policy is dropped.
     * Empty when the database is not live or its default is not known.
     */
    public String writePolicy(String db, String rp) {
        if (!rp.isEmpty()) {
            return rp;
        }
        return database(db).map(CatalogEntry::defaultRp).orElse("");
    }

    /** Live retention policies of a database's current incarnation. */
    public List<CatalogEntry> retentionPolicies(String db) {
        return policies(db, false);
    }

    /** Retention policies dropped from the database's current incarnation (autogen, say). */
    public List<CatalogEntry> droppedRetentionPolicies(String db) {
        return policies(db, true);
    }

    private List<CatalogEntry> policies(String db, boolean dropped) {
        CatalogEntry d = database(db).orElse(null);
        if (d == null) {
            return List.of();
        }
        List<CatalogEntry> out = new ArrayList<>();
        retentionPolicies.values().forEach(e -> {
            if (e.db().equals(db) && e.dropped() == dropped && e.incarnation().equals(d.incarnation())) {
                out.add(e);
            }
        });
        out.sort(java.util.Comparator.comparing(CatalogEntry::rp));
        return out;
    }

    /** Live databases, by name. */
    public List<CatalogEntry> databases() {
        List<CatalogEntry> out = new ArrayList<>(databases.values().stream().filter(e -> !e.dropped()).toList());
        out.sort(java.util.Comparator.comparing(CatalogEntry::db));
        return out;
    }

    /** Barrier statements a backend's writers gave up ({@code voided: ...}), by backend and id. */
    public List<CatalogEntry> voided() {
        return applied.values().stream().filter(e -> e.result().startsWith(VOIDED))
                .sorted(java.util.Comparator.comparing(CatalogEntry::backend).thenComparing(CatalogEntry::ddlId)).toList();
    }

    /** The start of the {@code applied} result of a statement a writer gave up. */
    public static final String VOIDED = "voided: ";

    public Optional<CatalogEntry> applied(String backend, String ddlId) {
        return Optional.ofNullable(applied.get(backend + "\u0000" + ddlId));
    }

    /**
     * The statements that recreate a database as the catalog knows it, in order: its CREATE, each
     * retention policy's CREATE and ALTERs, the DROPs of policies dropped since (autogen, which the
     * CREATE makes), and the default policy last. Empty when not live. Policy entries of an earlier
     * incarnation of the name (before a DROP DATABASE) are not part of it.
     */
    public List<String> recreate(String db) {
        CatalogEntry d = database(db).orElse(null);
        if (d == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(d.createStatement());
        for (CatalogEntry rp : retentionPolicies(db)) {
            out.addAll(rp.statements());
        }
        for (CatalogEntry rp : droppedRetentionPolicies(db)) {
            out.add("DROP RETENTION POLICY " + quote(rp.rp()) + " ON " + quote(db));
        }
        if (!d.defaultRp().isEmpty() && retentionPolicy(db, d.defaultRp()).isPresent()) {
            out.add("ALTER RETENTION POLICY " + quote(d.defaultRp()) + " ON " + quote(db) + " DEFAULT");
        }
        return out;
    }

    /**
     * The statements that create the policy a write to {@code db} naming {@code rp} goes to (an
     * empty {@code rp}: the database's default), as the catalog knows it: the policy's CREATE and
     * ALTERs; when one of them moved the default elsewhere, an ALTER putting the default back on
     * the catalog's. Empty when the database is not live or has no such policy (dropped, or never
     * created), and for the policy the database's CREATE made (a backend that has the database
     * and lacks it lost it outside influx-ha: nothing in the catalog creates it alone).
     */
    public List<String> recreatePolicy(String db, String rp) {
        CatalogEntry d = database(db).orElse(null);
        String name = writePolicy(db, rp);
        if (d == null || name.isEmpty() || !hasRetentionPolicy(db, name)) {
            return List.of();
        }
        Optional<CatalogEntry> policy = retentionPolicy(db, name);
        if (policy.isEmpty()) {
            return List.of(); // made by the CREATE DATABASE, which cannot make it again on a database that exists
        }
        List<String> out = new ArrayList<>(policy.get().statements());
        boolean movesDefault = out.stream().anyMatch(st -> DEFAULT_WORD.matcher(st).find());
        if (movesDefault && !d.defaultRp().equals(name) && !d.defaultRp().isEmpty() && hasRetentionPolicy(db, d.defaultRp())) {
            out.add("ALTER RETENTION POLICY " + quote(d.defaultRp()) + " ON " + quote(db) + " DEFAULT");
        }
        return out;
    }

    /**
     * InfluxQL double-quoted identifier, escaped as influxql.QuoteIdent does: a raw newline would
     * end InfluxQL's string scan with "bad string", so it becomes {@code \n}.
     */
    public static String quote(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
