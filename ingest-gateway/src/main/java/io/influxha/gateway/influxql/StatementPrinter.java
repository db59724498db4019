package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.SelectStatement.Dimension;
import io.influxha.gateway.influxql.SelectStatement.SortField;
import io.influxha.gateway.influxql.Statement.*;
import java.util.List;
import java.util.StringJoiner;

/**
 * influxql's String() of statements (ast.go), byte for byte: what influxd prints of a statement,
 * e.g. in its authorization errors. Passwords print as {@code [REDACTED]}.
 */
public final class StatementPrinter {
    private StatementPrinter() {}

    public static String print(Statement s) {
        if (s instanceof SelectStatement x) {
            return select(x);
        } else if (s instanceof AlterRetentionPolicyStatement x) {
            return "ALTER RETENTION POLICY " + q(x.name()) + " ON " + q(x.database())
                    + (x.duration() != null ? " DURATION " + GoText.formatDuration(x.duration()) : "")
                    + (x.replication() != null ? " REPLICATION " + x.replication() : "")
                    + (x.shardGroupDuration() != null ? " SHARD DURATION " + GoText.formatDuration(x.shardGroupDuration()) : "")
                    + (x.isDefault() ? " DEFAULT" : "");
        } else if (s instanceof CreateContinuousQueryStatement x) {
            StringBuilder b = new StringBuilder("CREATE CONTINUOUS QUERY " + q(x.name()) + " ON " + q(x.database()) + " ");
            if (x.resampleEvery() > 0 || x.resampleFor() > 0) {
                b.append("RESAMPLE ");
                if (x.resampleEvery() > 0) {
                    b.append("EVERY ").append(GoText.formatDuration(x.resampleEvery())).append(' ');
                }
                if (x.resampleFor() > 0) {
                    b.append("FOR ").append(GoText.formatDuration(x.resampleFor())).append(' ');
                }
            }
            return b.append("BEGIN ").append(select(x.source())).append(" END").toString();
        } else if (s instanceof CreateDatabaseStatement x) {
            StringBuilder b = new StringBuilder("CREATE DATABASE " + q(x.name()));
            if (x.rpCreate()) {
                b.append(" WITH");
                if (x.rpDuration() != null) {
                    b.append(" DURATION ").append(GoText.goDuration(x.rpDuration()));
                }
                if (x.rpReplication() != null) {
                    b.append(" REPLICATION ").append(x.rpReplication());
                }
                if (x.rpShardGroupDuration() > 0) {
                    b.append(" SHARD DURATION ").append(GoText.goDuration(x.rpShardGroupDuration()));
                }
                if (!x.rpName().isEmpty()) {
                    b.append(" NAME ").append(q(x.rpName()));
                }
            }
            return b.toString();
        } else if (s instanceof CreateRetentionPolicyStatement x) {
            return "CREATE RETENTION POLICY " + q(x.name()) + " ON " + q(x.database()) + " DURATION "
                    + GoText.formatDuration(x.duration()) + " REPLICATION " + x.replication()
                    + (x.shardGroupDuration() > 0 ? " SHARD DURATION " + GoText.formatDuration(x.shardGroupDuration()) : "")
                    + (x.isDefault() ? " DEFAULT" : "");
        } else if (s instanceof CreateSubscriptionStatement x) {
            StringJoiner dests = new StringJoiner(", ");
            x.destinations().forEach(d -> dests.add(GoText.quoteString(d)));
            return "CREATE SUBSCRIPTION " + q(x.name()) + " ON " + q(x.database()) + "." + q(x.retentionPolicy())
                    + " DESTINATIONS " + x.mode() + " " + dests;
        } else if (s instanceof CreateUserStatement x) {
            return "CREATE USER " + q(x.name()) + " WITH PASSWORD [REDACTED]" + (x.admin() ? " WITH ALL PRIVILEGES" : "");
        } else if (s instanceof DeleteSeriesStatement x) {
            return "DELETE" + fromWhere(x.sources(), x.condition());
        } else if (s instanceof DropContinuousQueryStatement x) {
            return "DROP CONTINUOUS QUERY " + q(x.name()) + " ON " + q(x.database());
        } else if (s instanceof DropDatabaseStatement x) {
            return "DROP DATABASE " + q(x.name());
        } else if (s instanceof DropMeasurementStatement x) {
            return "DROP MEASUREMENT " + q(x.name());
        } else if (s instanceof DropRetentionPolicyStatement x) {
            return "DROP RETENTION POLICY " + q(x.name()) + " ON " + q(x.database());
        } else if (s instanceof DropSeriesStatement x) {
            return "DROP SERIES" + fromWhere(x.sources(), x.condition());
        } else if (s instanceof DropShardStatement x) {
            return "DROP SHARD " + Long.toUnsignedString(x.id());
        } else if (s instanceof DropSubscriptionStatement x) {
            return "DROP SUBSCRIPTION " + q(x.name()) + " ON " + q(x.database()) + "." + q(x.retentionPolicy());
        } else if (s instanceof DropUserStatement x) {
            return "DROP USER " + q(x.name());
        } else if (s instanceof ExplainStatement x) {
            return "EXPLAIN " + (x.analyze() ? "ANALYZE " : "") + select(x.statement());
        } else if (s instanceof GrantStatement x) {
            return "GRANT " + x.privilege() + " ON " + q(x.on()) + " TO " + q(x.user());
        } else if (s instanceof GrantAdminStatement x) {
            return "GRANT ALL PRIVILEGES TO " + q(x.user());
        } else if (s instanceof KillQueryStatement x) {
            return "KILL QUERY " + Long.toUnsignedString(x.queryId()) + (x.host().isEmpty() ? "" : " ON " + q(x.host()));
        } else if (s instanceof RevokeStatement x) {
            return "REVOKE " + x.privilege() + " ON " + q(x.on()) + " FROM " + q(x.user());
        } else if (s instanceof RevokeAdminStatement x) {
            return "REVOKE ALL PRIVILEGES FROM " + q(x.user());
        } else if (s instanceof SetPasswordUserStatement x) {
            return "SET PASSWORD FOR " + q(x.name()) + " = [REDACTED]";
        }
        return ShowPrinter.print(s);
    }

    static String select(SelectStatement s) {
        StringBuilder b = new StringBuilder("SELECT ");
        StringJoiner fields = new StringJoiner(", ");
        for (SelectStatement.Field f : s.fields()) {
            fields.add(ExprPrinter.print(f.expr()) + (f.alias().isEmpty() ? "" : " AS " + q(f.alias())));
        }
        b.append(fields);
        if (s.target() != null) {
            b.append(" INTO ").append(ExprPrinter.source(s.target().measurement()));
            if (s.target().measurement().name().isEmpty()) {
                b.append(":MEASUREMENT");
            }
        }
        if (s.sources() != null && !s.sources().isEmpty()) {
            b.append(" FROM ").append(ExprPrinter.sources(s.sources()));
        }
        if (s.condition() != null) {
            b.append(" WHERE ").append(ExprPrinter.print(s.condition()));
        }
        if (s.dimensions() != null && !s.dimensions().isEmpty()) {
            b.append(" GROUP BY ").append(dimensions(s.dimensions()));
        }
        switch (s.fill()) {
            case NONE -> b.append(" fill(none)");
            case NUMBER -> b.append(" fill(").append(s.fillValue() instanceof Double d ? GoText.formatFloatV(d) : s.fillValue()).append(')');
            case LINEAR -> b.append(" fill(linear)");
            case PREVIOUS -> b.append(" fill(previous)");
            default -> { }
        }
        b.append(sort(s.sortFields()));
        b.append(s.limit() > 0 ? " LIMIT " + s.limit() : "").append(s.offset() > 0 ? " OFFSET " + s.offset() : "");
        b.append(s.slimit() > 0 ? " SLIMIT " + s.slimit() : "").append(s.soffset() > 0 ? " SOFFSET " + s.soffset() : "");
        if (s.location() != null) {
            b.append(" TZ('").append(s.location().isEmpty() ? "UTC" : s.location()).append("')");
        }
        return b.toString();
    }

    private static String fromWhere(List<Source> sources, Expr condition) {
        return (sources != null ? " FROM " + ExprPrinter.sources(sources) : "")
                + (condition != null ? " WHERE " + ExprPrinter.print(condition) : "");
    }

    static String dimensions(List<Dimension> dimensions) {
        StringJoiner j = new StringJoiner(", ");
        dimensions.forEach(d -> j.add(ExprPrinter.print(d.expr())));
        return j.toString();
    }

    /** {@code " ORDER BY time DESC"}, or "" without sort fields. */
    static String sort(List<SortField> fields) {
        if (fields == null || fields.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ");
        fields.forEach(f -> j.add((f.name().isEmpty() ? "" : f.name() + " ") + (f.ascending() ? "ASC" : "DESC")));
        return " ORDER BY " + j;
    }

    static String q(String ident) {
        return GoText.quoteIdent(ident);
    }
}
