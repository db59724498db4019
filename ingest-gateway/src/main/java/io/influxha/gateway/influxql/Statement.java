package io.influxha.gateway.influxql;

import java.util.List;

/**
 * One parsed InfluxQL statement: influxql 1.1.0's statement types, same names and fields
 * (durations in nanoseconds; null where influxql leaves a pointer or list nil). {@link
 * StatementPrinter} renders them as influxql's String(), {@link Privileges} gives what each requires.
 */
public sealed interface Statement permits SelectStatement, Statement.AlterRetentionPolicyStatement,
        Statement.CreateContinuousQueryStatement, Statement.CreateDatabaseStatement,
        Statement.CreateRetentionPolicyStatement, Statement.CreateSubscriptionStatement, Statement.CreateUserStatement,
        Statement.DeleteSeriesStatement, Statement.DropContinuousQueryStatement, Statement.DropDatabaseStatement,
        Statement.DropMeasurementStatement, Statement.DropRetentionPolicyStatement, Statement.DropSeriesStatement,
        Statement.DropShardStatement, Statement.DropSubscriptionStatement, Statement.DropUserStatement,
        Statement.ExplainStatement, Statement.GrantStatement, Statement.GrantAdminStatement,
        Statement.KillQueryStatement, Statement.RevokeStatement, Statement.RevokeAdminStatement,
        Statement.SetPasswordUserStatement, Statement.ShowContinuousQueriesStatement,
        Statement.ShowGrantsForUserStatement, Statement.ShowDatabasesStatement,
        Statement.ShowFieldKeyCardinalityStatement, Statement.ShowFieldKeysStatement,
        Statement.ShowRetentionPoliciesStatement, Statement.ShowMeasurementCardinalityStatement,
        Statement.ShowMeasurementsStatement, Statement.ShowQueriesStatement, Statement.ShowSeriesStatement,
        Statement.ShowSeriesCardinalityStatement, Statement.ShowShardGroupsStatement, Statement.ShowShardsStatement,
        Statement.ShowStatsStatement, Statement.ShowSubscriptionsStatement, Statement.ShowDiagnosticsStatement,
        Statement.ShowTagKeyCardinalityStatement, Statement.ShowTagKeysStatement,
        Statement.ShowTagValuesCardinalityStatement, Statement.ShowTagValuesStatement, Statement.ShowUsersStatement {

    /** influxql's HasDefaultDatabase: the database the statement names itself, "" when none or not applicable. */
    default String defaultDatabase() {
        return "";
    }

    /** The FROM list (or SHOW MEASUREMENTS' WITH MEASUREMENT source, EXPLAIN's SELECT's sources); null when none. */
    default List<Source> sources() {
        return null;
    }

    /** A privilege level, with influxql's names. */
    enum Privilege {
        NO_PRIVILEGES("NO PRIVILEGES"), READ("READ"), WRITE("WRITE"), ALL_PRIVILEGES("ALL PRIVILEGES");

        private final String text;

        Privilege(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record AlterRetentionPolicyStatement(String name, String database, Long duration, Integer replication,
            boolean isDefault, Long shardGroupDuration) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record CreateContinuousQueryStatement(String name, String database, SelectStatement source, long resampleEvery,
            long resampleFor) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    /** @param rpCreate true with a WITH clause; the rp* fields are its options */
    record CreateDatabaseStatement(String name, boolean rpCreate, Long rpDuration, Integer rpReplication, String rpName,
            long rpShardGroupDuration) implements Statement {}

    record CreateRetentionPolicyStatement(String name, String database, long duration, int replication,
            boolean isDefault, long shardGroupDuration) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record CreateSubscriptionStatement(String name, String database, String retentionPolicy, List<String> destinations,
            String mode) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record CreateUserStatement(String name, String password, boolean admin) implements Statement {}

    /** {@code DELETE [FROM ...] [WHERE ...]}: influxql parses it into DeleteSeriesStatement. */
    record DeleteSeriesStatement(List<Source> sources, Expr condition) implements Statement {}

    record DropContinuousQueryStatement(String name, String database) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record DropDatabaseStatement(String name) implements Statement {}

    record DropMeasurementStatement(String name) implements Statement {}

    record DropRetentionPolicyStatement(String name, String database) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record DropSeriesStatement(List<Source> sources, Expr condition) implements Statement {}

    /** @param id unsigned 64-bit */
    record DropShardStatement(long id) implements Statement {}

    record DropSubscriptionStatement(String name, String database, String retentionPolicy) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record DropUserStatement(String name) implements Statement {}

    record ExplainStatement(SelectStatement statement, boolean analyze) implements Statement {
        @Override
        public List<Source> sources() {
            return statement.sources();
        }
    }

    record GrantStatement(Privilege privilege, String on, String user) implements Statement {
        @Override
        public String defaultDatabase() {
            return on;
        }
    }

    record GrantAdminStatement(String user) implements Statement {}

    /** @param queryId unsigned 64-bit */
    record KillQueryStatement(long queryId, String host) implements Statement {}

    record RevokeStatement(Privilege privilege, String on, String user) implements Statement {
        @Override
        public String defaultDatabase() {
            return on;
        }
    }

    record RevokeAdminStatement(String user) implements Statement {}

    record SetPasswordUserStatement(String password, String name) implements Statement {}

    record ShowContinuousQueriesStatement() implements Statement {}

    record ShowGrantsForUserStatement(String name) implements Statement {}

    record ShowDatabasesStatement() implements Statement {}

    record ShowFieldKeyCardinalityStatement(String database, boolean exact, List<Source> sources, Expr condition,
            List<SelectStatement.Dimension> dimensions, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowFieldKeysStatement(String database, List<Source> sources, List<SelectStatement.SortField> sortFields,
            long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowRetentionPoliciesStatement(String database) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowMeasurementCardinalityStatement(boolean exact, String database, List<Source> sources, Expr condition,
            List<SelectStatement.Dimension> dimensions, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    /** @param source {@code WITH MEASUREMENT = name | =~ /re/}, null without */
    record ShowMeasurementsStatement(String database, Source source, Expr condition,
            List<SelectStatement.SortField> sortFields, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }

        @Override
        public List<Source> sources() {
            return source == null ? null : List.of(source);
        }
    }

    record ShowQueriesStatement() implements Statement {}

    record ShowSeriesStatement(String database, List<Source> sources, Expr condition,
            List<SelectStatement.SortField> sortFields, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowSeriesCardinalityStatement(String database, boolean exact, List<Source> sources, Expr condition,
            List<SelectStatement.Dimension> dimensions, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowShardGroupsStatement() implements Statement {}

    record ShowShardsStatement() implements Statement {}

    record ShowStatsStatement(String module) implements Statement {}

    record ShowSubscriptionsStatement() implements Statement {}

    record ShowDiagnosticsStatement(String module) implements Statement {}

    record ShowTagKeyCardinalityStatement(String database, boolean exact, List<Source> sources, Expr condition,
            List<SelectStatement.Dimension> dimensions, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowTagKeysStatement(String database, List<Source> sources, Expr condition,
            List<SelectStatement.SortField> sortFields, long limit, long offset, long slimit, long soffset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    /** @param op IN, EQ, NEQ, EQREGEX or NEQREGEX; @param tagKeyExpr a ListLiteral, StringLiteral or RegexLiteral */
    record ShowTagValuesCardinalityStatement(String database, boolean exact, List<Source> sources, Token op,
            Expr tagKeyExpr, Expr condition, List<SelectStatement.Dimension> dimensions, long limit, long offset)
            implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowTagValuesStatement(String database, List<Source> sources, Token op, Expr tagKeyExpr, Expr condition,
            List<SelectStatement.SortField> sortFields, long limit, long offset) implements Statement {
        @Override
        public String defaultDatabase() {
            return database;
        }
    }

    record ShowUsersStatement() implements Statement {}
}
