package io.influxha.gateway.query;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.gateway.query.Scanner.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * What an accepted DDL statement changes in the catalog (docs/ddl-through-the-log.md): databases
 * and retention policies, with the statements that recreate them and each database's default
 * policy. Statements that change no definition (DROP MEASUREMENT, DELETE, ...) change nothing.
 */
public final class CatalogChanges {
    private CatalogChanges() {}

    /** @param current the catalog as this gateway knows it, for the parts a statement keeps */
    public static List<CatalogEntry> of(String statement, Catalog current) {
        List<Token> t = Scanner.tokens(statement);
        if (t.size() < 3) {
            return List.of();
        }
        String verb = t.get(0).value().toUpperCase(java.util.Locale.ROOT);
        if (t.get(1).is("DATABASE") && t.get(2).isIdentifier()) {
            String db = t.get(2).value();
            if (verb.equals("CREATE")) {
                return current.database(db).isPresent() ? List.of() : List.of(CatalogEntry.database(db, statement, createdDefault(t)));
            }
            if (verb.equals("DROP")) {
                // Its policy entries belong to this incarnation; a later CREATE starts a new one.
                return List.of(CatalogEntry.droppedDatabase(db));
            }
            return List.of();
        }
        if (t.size() < 6 || !t.get(1).is("RETENTION") || !t.get(2).is("POLICY") || !t.get(3).isIdentifier() || !t.get(4).is("ON")
                || !t.get(5).isIdentifier()) {
            return List.of();
        }
        String rp = t.get(3).value();
        String db = t.get(5).value();
        boolean makesDefault = t.stream().skip(6).anyMatch(x -> x.is("DEFAULT"));
        // Policies of a database the catalog does not have belong to no incarnation: never recreated.
        String incarnation = current.database(db).map(CatalogEntry::incarnation).orElse("");
        List<CatalogEntry> out = new ArrayList<>();
        switch (verb) {
            case "CREATE" -> {
                if (current.retentionPolicy(db, rp).isEmpty()) {
                    // Replacing a policy dropped from this incarnation (autogen, or WITH ... NAME):
                    // CREATE DATABASE makes it again on a rebuilt backend, so it is dropped first.
                    boolean replacesDropped = current.droppedRetentionPolicies(db).stream().anyMatch(d -> d.rp().equals(rp));
                    out.add(CatalogEntry.retentionPolicy(db, rp, replacesDropped
                            ? List.of("DROP RETENTION POLICY " + Catalog.quote(rp) + " ON " + Catalog.quote(db), statement)
                            : List.of(statement), incarnation));
                }
            }
            case "ALTER" -> {
                if (current.droppedRetentionPolicies(db).stream().anyMatch(e -> e.rp().equals(rp))) {
                    return List.of(); // the backends refuse it (policy not found); recorded, recreate would revive the policy
                }
                List<String> statements = new ArrayList<>(current.retentionPolicy(db, rp).map(CatalogEntry::statements).orElse(List.of()));
                statements.add(statement);
                out.add(CatalogEntry.retentionPolicy(db, rp, statements, incarnation));
            }
            case "DROP" -> {
                // 1.8 keeps the database's default policy name when that policy is dropped, so a
                // policy created again under that name is the default again: the entry keeps it too.
                return List.of(CatalogEntry.droppedRetentionPolicy(db, rp, incarnation));
            }
            default -> {
                return List.of();
            }
        }
        if (makesDefault) {
            current.database(db).ifPresent(d -> out.add(d.withDefaultRp(rp)));
        }
        return out;
    }

    /** The default policy CREATE DATABASE makes: {@code WITH ... NAME rp}, else autogen. */
    private static String createdDefault(List<Token> t) {
        for (int i = 3; i + 1 < t.size(); i++) {
            if (t.get(i).is("NAME") && t.get(i + 1).isIdentifier()) {
                return t.get(i + 1).value();
            }
        }
        return "autogen";
    }
}
