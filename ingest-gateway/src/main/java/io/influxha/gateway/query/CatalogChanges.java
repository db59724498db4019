package io.influxha.gateway.query;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.influxql.Statement.AlterRetentionPolicyStatement;
import io.influxha.gateway.influxql.Statement.CreateDatabaseStatement;
import io.influxha.gateway.influxql.Statement.CreateRetentionPolicyStatement;
import io.influxha.gateway.influxql.Statement.DropDatabaseStatement;
import io.influxha.gateway.influxql.Statement.DropRetentionPolicyStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * What an accepted DDL statement changes in the catalog (docs/ddl-through-the-log.md): databases
 * and retention policies, with the statements that recreate them and each database's default
 * policy. Statements that change no definition (DROP MEASUREMENT, DELETE, ...) change nothing.
 */
public final class CatalogChanges {
    private CatalogChanges() {}

    /**
     * @param statement the accepted statement
     * @param text its text as forwarded, what the catalog keeps to recreate the definition
     * @param current the catalog as this gateway knows it, for the parts a statement keeps
     */
    public static List<CatalogEntry> of(Statement statement, String text, Catalog current) {
        if (statement instanceof CreateDatabaseStatement create) {
            String db = create.name();
            String defaultRp = create.rpName().isEmpty() ? "autogen" : create.rpName();
            return current.database(db).isPresent() ? List.of() : List.of(CatalogEntry.database(db, text, defaultRp));
        }
        if (statement instanceof DropDatabaseStatement drop) {
            // Its policy entries belong to this incarnation; a later CREATE starts a new one.
            return List.of(CatalogEntry.droppedDatabase(drop.name(), current.database(drop.name()).map(CatalogEntry::incarnation).orElse("")));
        }
        if (statement instanceof CreateRetentionPolicyStatement create) {
            return createPolicy(create.database(), create.name(), create.isDefault(), text, current);
        }
        if (statement instanceof AlterRetentionPolicyStatement alter) {
            return alterPolicy(alter.database(), alter.name(), alter.isDefault(), text, current);
        }
        if (statement instanceof DropRetentionPolicyStatement drop) {
            // 1.8 keeps the database's default policy name when that policy is dropped, so a
            // policy created again under that name is the default again: the entry keeps it too.
            return List.of(CatalogEntry.droppedRetentionPolicy(drop.database(), drop.name(), incarnation(drop.database(), current),
                    current.policyIncarnation(drop.database(), drop.name())));
        }
        return List.of();
    }

    /** Policies of a database the catalog does not have belong to no incarnation: never recreated. */
    private static String incarnation(String db, Catalog current) {
        return current.database(db).map(CatalogEntry::incarnation).orElse("");
    }

    private static List<CatalogEntry> createPolicy(String db, String rp, boolean makesDefault, String statement, Catalog current) {
        List<CatalogEntry> out = new ArrayList<>();
        if (current.retentionPolicy(db, rp).isEmpty()) {
            // Replacing a policy dropped from this incarnation (autogen, or WITH ... NAME):
            // CREATE DATABASE makes it again on a rebuilt backend, so it is dropped first.
            boolean replacesDropped = current.droppedRetentionPolicies(db).stream().anyMatch(d -> d.rp().equals(rp));
            // A new incarnation only for a policy that does not exist: the one a CREATE DATABASE
            // made (no entry of its own) keeps its incarnation when its CREATE is issued again.
            String policyIncarnation = current.hasRetentionPolicy(db, rp) ? current.policyIncarnation(db, rp)
                    : current.database(db).isPresent() ? java.util.UUID.randomUUID().toString() : "";
            out.add(CatalogEntry.retentionPolicy(db, rp, replacesDropped
                    ? List.of("DROP RETENTION POLICY " + Catalog.quote(rp) + " ON " + Catalog.quote(db), statement)
                    : List.of(statement), incarnation(db, current), policyIncarnation));
        }
        return withDefault(out, db, rp, makesDefault, current);
    }

    private static List<CatalogEntry> alterPolicy(String db, String rp, boolean makesDefault, String statement, Catalog current) {
        if (current.droppedRetentionPolicies(db).stream().anyMatch(e -> e.rp().equals(rp))) {
            return List.of(); // the backends refuse it (policy not found); recorded, recreate would revive the policy
        }
        List<String> statements = new ArrayList<>(current.retentionPolicy(db, rp).map(CatalogEntry::statements).orElse(List.of()));
        statements.add(statement);
        List<CatalogEntry> out = new ArrayList<>(List.of(CatalogEntry.retentionPolicy(db, rp, statements, incarnation(db, current),
                current.policyIncarnation(db, rp))));
        return withDefault(out, db, rp, makesDefault, current);
    }

    private static List<CatalogEntry> withDefault(List<CatalogEntry> out, String db, String rp, boolean makesDefault, Catalog current) {
        if (makesDefault) {
            current.database(db).ifPresent(d -> out.add(d.withDefaultRp(rp)));
        }
        return out;
    }
}
