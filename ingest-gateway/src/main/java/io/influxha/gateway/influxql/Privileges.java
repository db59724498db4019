package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Statement.*;
import java.util.ArrayList;
import java.util.List;

/**
 * influxql's RequiredPrivileges: what a user needs to run a statement. An entry with an empty name
 * means the request's default database ({@code db}); a read names every database of every source,
 * subqueries included, and INTO adds WRITE on its target.
 */
public final class Privileges {
    /** One requirement: admin, or a privilege on the database {@code name}. */
    public record Required(boolean admin, String name, Privilege privilege) {}

    private static final List<Required> ADMIN = List.of(new Required(true, "", Privilege.ALL_PRIVILEGES));

    private Privileges() {}

    public static List<Required> of(Statement s) {
        if (s instanceof SelectStatement x) {
            List<Required> out = new ArrayList<>(ofSources(x.sources()));
            if (x.target() != null) {
                out.add(new Required(false, x.target().measurement().database(), Privilege.WRITE));
            }
            return out;
        } else if (s instanceof ExplainStatement x) {
            return of(x.statement());
        } else if (s instanceof CreateContinuousQueryStatement x) {
            List<Required> out = new ArrayList<>(List.of(new Required(false, x.database(), Privilege.READ)));
            String target = x.source().target().measurement().database();
            if (!target.isEmpty()) {
                out.add(new Required(false, target, Privilege.WRITE));
            }
            return out;
        } else if (s instanceof DeleteSeriesStatement || s instanceof DropSeriesStatement) {
            return List.of(new Required(false, "", Privilege.WRITE));
        } else if (s instanceof DropRetentionPolicyStatement x) {
            return List.of(new Required(false, x.database(), Privilege.WRITE));
        } else if (s instanceof DropContinuousQueryStatement x) {
            return List.of(new Required(false, x.database(), Privilege.WRITE));
        } else if (s instanceof ShowContinuousQueriesStatement || s instanceof ShowQueriesStatement) {
            return List.of(new Required(false, "", Privilege.READ));
        } else if (s instanceof ShowDatabasesStatement) {
            return List.of(new Required(false, "", Privilege.NO_PRIVILEGES));
        }
        return showPrivileges(s);
    }

    private static List<Required> showPrivileges(Statement s) {
        if (s instanceof ShowFieldKeyCardinalityStatement x) {
            return ofSources(x.sources());
        } else if (s instanceof ShowTagKeyCardinalityStatement x) {
            return ofSources(x.sources());
        } else if (s instanceof ShowTagValuesCardinalityStatement x) {
            return ofSources(x.sources());
        } else if (s instanceof ShowMeasurementCardinalityStatement x) {
            return x.exact() ? ofSources(x.sources()) : read(x.database());
        } else if (s instanceof ShowSeriesCardinalityStatement x) {
            return x.exact() ? ofSources(x.sources()) : read(x.database());
        } else if (s instanceof ShowFieldKeysStatement x) {
            return read(x.database());
        } else if (s instanceof ShowRetentionPoliciesStatement x) {
            return read(x.database());
        } else if (s instanceof ShowMeasurementsStatement x) {
            return read(x.database());
        } else if (s instanceof ShowSeriesStatement x) {
            return read(x.database());
        } else if (s instanceof ShowTagKeysStatement x) {
            return read(x.database());
        } else if (s instanceof ShowTagValuesStatement x) {
            return read(x.database());
        }
        return ADMIN;
    }

    private static List<Required> read(String db) {
        return List.of(new Required(false, db, Privilege.READ));
    }

    private static List<Required> ofSources(List<Source> sources) {
        List<Required> out = new ArrayList<>();
        if (sources == null) {
            return out;
        }
        for (Source src : sources) {
            if (src instanceof Source.Measurement m) {
                out.add(new Required(false, m.database(), Privilege.READ));
            } else if (src instanceof Source.SubQuery q) {
                out.addAll(of(q.statement()));
            }
        }
        return out;
    }
}
