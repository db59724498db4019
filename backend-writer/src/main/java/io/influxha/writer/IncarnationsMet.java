package io.influxha.writer;

import io.influxha.core.catalog.DdlKinds;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The database and retention-policy incarnations one partition has met (headers {@code db_inc},
 * {@code rp_inc} on DDL copies), and which of them ended there: a DROP ends its incarnation, a
 * CREATE of a new one ends every earlier one met (the gateway creates a name only once the catalog
 * shows it dropped). A record naming an ended incarnation is what that DROP removed
 * (docs/ddl-through-the-log.md). Bounded: the oldest entries go first.
 */
final class IncarnationsMet {
    private static final int KEPT = 10_000;

    private final Schema schema;
    /** {@code scope NUL incarnation} ended here; the scope is a database, or {@code db SOH rp} for a policy. */
    private final Set<String> ended = Collections.newSetFromMap(bounded());
    /** Per scope, the incarnations met here, oldest first. */
    private final Map<String, LinkedHashSet<String>> met = bounded();

    IncarnationsMet(Schema schema) {
        this.schema = schema;
    }

    /** A DDL copy: what it creates or drops, of its database ({@code db_inc}) and of its policy ({@code rp}, {@code rp_inc}). */
    void meet(String statement, String db, String incarnation, String rp, String policyIncarnation) {
        if (db.isEmpty()) {
            return;
        }
        meet(db, incarnation, DdlKinds.dropsDatabase(statement), DdlKinds.createsDatabase(statement));
        if (!rp.isEmpty()) {
            meet(policyScope(db, rp), policyIncarnation, DdlKinds.dropsPolicy(statement), DdlKinds.createsPolicy(statement));
        }
    }

    private void meet(String scope, String incarnation, boolean drops, boolean creates) {
        if (incarnation.isEmpty()) {
            return;
        }
        LinkedHashSet<String> seen = met.computeIfAbsent(scope, k -> new LinkedHashSet<>());
        if (drops) {
            ended.add(scope + "\u0000" + incarnation);
        } else if (creates && !seen.contains(incarnation)) {
            seen.forEach(earlier -> ended.add(scope + "\u0000" + earlier));
        }
        seen.add(incarnation);
    }

    /**
     * Why a record naming these incarnations must not be applied, or null. A database incarnation
     * ended here or in the catalog; a policy incarnation only here: the catalog's word on policies
     * decides at "retention policy not found" (StepOutcomes), and a CREATE ... DEFAULT passed over
     * on when the catalog was read would leave replicas with different defaults.
     */
    String ended(String db, String incarnation, String rp, String policyIncarnation) {
        if (!incarnation.isEmpty() && (ended.contains(db + "\u0000" + incarnation) || schema.knownDropped(db, incarnation))) {
            return "its database's incarnation " + incarnation + " was dropped since";
        }
        if (!policyIncarnation.isEmpty() && !rp.isEmpty() && ended.contains(policyScope(db, rp) + "\u0000" + policyIncarnation)) {
            return "its retention policy's incarnation " + policyIncarnation + " was dropped since";
        }
        return null;
    }

    private static String policyScope(String db, String rp) {
        return db + "\u0001" + rp;
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }
}
