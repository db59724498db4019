package io.influxha.gateway.influxql;

import static io.influxha.gateway.influxql.StatementPrinter.q;

import io.influxha.gateway.influxql.SelectStatement.Dimension;
import io.influxha.gateway.influxql.Statement.*;
import java.util.List;

/** influxql's String() of the SHOW statements. */
final class ShowPrinter {
    private ShowPrinter() {}

    static String print(Statement s) {
        if (s instanceof ShowContinuousQueriesStatement) {
            return "SHOW CONTINUOUS QUERIES";
        } else if (s instanceof ShowGrantsForUserStatement x) {
            return "SHOW GRANTS FOR " + q(x.name());
        } else if (s instanceof ShowDatabasesStatement) {
            return "SHOW DATABASES";
        } else if (s instanceof ShowFieldKeyCardinalityStatement x) {
            return "SHOW FIELD KEY " + (x.exact() ? "EXACT " : "") + "CARDINALITY"
                    + cardinality(x.database(), x.sources(), x.condition(), x.dimensions(), x.limit(), x.offset());
        } else if (s instanceof ShowFieldKeysStatement x) {
            return "SHOW FIELD KEYS" + on(x.database()) + from(x.sources()) + StatementPrinter.sort(x.sortFields())
                    + paging(x.limit(), x.offset());
        } else if (s instanceof ShowRetentionPoliciesStatement x) {
            return "SHOW RETENTION POLICIES" + on(x.database());
        } else if (s instanceof ShowMeasurementCardinalityStatement x) {
            return "SHOW MEASUREMENT" + (x.exact() ? " EXACT" : "") + " CARDINALITY"
                    + cardinality(x.database(), x.sources(), x.condition(), x.dimensions(), x.limit(), x.offset());
        } else if (s instanceof ShowMeasurementsStatement x) {
            return measurements(x);
        } else if (s instanceof ShowQueriesStatement) {
            return "SHOW QUERIES";
        } else if (s instanceof ShowSeriesStatement x) {
            return "SHOW SERIES" + on(x.database()) + from(x.sources()) + where(x.condition())
                    + StatementPrinter.sort(x.sortFields()) + paging(x.limit(), x.offset());
        } else if (s instanceof ShowSeriesCardinalityStatement x) {
            return "SHOW SERIES" + (x.exact() ? " EXACT" : "") + " CARDINALITY"
                    + cardinality(x.database(), x.sources(), x.condition(), x.dimensions(), x.limit(), x.offset());
        } else if (s instanceof ShowShardGroupsStatement) {
            return "SHOW SHARD GROUPS";
        } else if (s instanceof ShowShardsStatement) {
            return "SHOW SHARDS";
        } else if (s instanceof ShowStatsStatement x) {
            return "SHOW STATS" + (x.module().isEmpty() ? "" : " FOR " + GoText.quoteString(x.module()));
        } else if (s instanceof ShowSubscriptionsStatement) {
            return "SHOW SUBSCRIPTIONS";
        } else if (s instanceof ShowDiagnosticsStatement x) {
            return "SHOW DIAGNOSTICS" + (x.module().isEmpty() ? "" : " FOR " + GoText.quoteString(x.module()));
        } else if (s instanceof ShowTagKeyCardinalityStatement x) {
            return "SHOW TAG KEY " + (x.exact() ? "EXACT " : "") + "CARDINALITY"
                    + cardinality(x.database(), x.sources(), x.condition(), x.dimensions(), x.limit(), x.offset());
        } else if (s instanceof ShowTagKeysStatement x) {
            return "SHOW TAG KEYS" + on(x.database()) + from(x.sources()) + where(x.condition())
                    + StatementPrinter.sort(x.sortFields()) + paging(x.limit(), x.offset())
                    + (x.slimit() > 0 ? " SLIMIT " + x.slimit() : "") + (x.soffset() > 0 ? " SOFFSET " + x.soffset() : "");
        } else if (s instanceof ShowTagValuesCardinalityStatement x) {
            return "SHOW TAG VALUES " + (x.exact() ? "EXACT " : "") + "CARDINALITY" + on(x.database()) + from(x.sources())
                    + withKey(x.op(), x.tagKeyExpr()) + where(x.condition()) + group(x.dimensions()) + paging(x.limit(), x.offset());
        } else if (s instanceof ShowTagValuesStatement x) {
            return "SHOW TAG VALUES" + on(x.database()) + from(x.sources()) + withKey(x.op(), x.tagKeyExpr())
                    + where(x.condition()) + StatementPrinter.sort(x.sortFields()) + paging(x.limit(), x.offset());
        } else if (s instanceof ShowUsersStatement) {
            return "SHOW USERS";
        }
        throw new IllegalArgumentException("unknown statement " + s);
    }

    private static String measurements(ShowMeasurementsStatement x) {
        StringBuilder b = new StringBuilder("SHOW MEASUREMENTS");
        if (!x.database().isEmpty()) {
            b.append(" ON ").append(x.database()); // influxql prints this name unquoted
        }
        if (x.source() != null) {
            boolean regex = x.source() instanceof Source.Measurement m && m.regex() != null;
            b.append(" WITH MEASUREMENT ").append(regex ? "=~ " : "= ").append(ExprPrinter.source(x.source()));
        }
        return b.append(where(x.condition())).append(StatementPrinter.sort(x.sortFields()))
                .append(paging(x.limit(), x.offset())).toString();
    }

    private static String cardinality(String db, List<Source> sources, Expr condition, List<Dimension> dimensions,
            long limit, long offset) {
        return on(db) + from(sources) + where(condition) + group(dimensions) + paging(limit, offset);
    }

    private static String withKey(Token op, Expr key) {
        return " WITH KEY " + op + " " + (key instanceof Expr.StringLiteral lit ? q(lit.val()) : ExprPrinter.print(key));
    }

    private static String on(String db) {
        return db.isEmpty() ? "" : " ON " + q(db);
    }

    private static String from(List<Source> sources) {
        return sources == null ? "" : " FROM " + ExprPrinter.sources(sources);
    }

    private static String where(Expr condition) {
        return condition == null ? "" : " WHERE " + ExprPrinter.print(condition);
    }

    private static String group(List<Dimension> dimensions) {
        return dimensions == null || dimensions.isEmpty() ? "" : " GROUP BY " + StatementPrinter.dimensions(dimensions);
    }

    private static String paging(long limit, long offset) {
        return (limit > 0 ? " LIMIT " + limit : "") + (offset > 0 ? " OFFSET " + offset : "");
    }
}
