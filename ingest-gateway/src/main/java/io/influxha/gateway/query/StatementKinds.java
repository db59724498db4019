package io.influxha.gateway.query;

import io.influxha.gateway.influxql.SelectStatement;
import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.influxql.Statement.*;
import java.util.Map;

/** Names of statement kinds as messages and logs print them ({@code SHOW TAG VALUES}). */
final class StatementKinds {
    private static final Map<Class<?>, String> KINDS = Map.ofEntries(
            Map.entry(SelectStatement.class, "SELECT"), Map.entry(ExplainStatement.class, "EXPLAIN"),
            Map.entry(DeleteSeriesStatement.class, "DELETE"), Map.entry(DropSeriesStatement.class, "DROP SERIES"),
            Map.entry(CreateDatabaseStatement.class, "CREATE DATABASE"), Map.entry(DropDatabaseStatement.class, "DROP DATABASE"),
            Map.entry(CreateRetentionPolicyStatement.class, "CREATE RETENTION POLICY"),
            Map.entry(AlterRetentionPolicyStatement.class, "ALTER RETENTION POLICY"),
            Map.entry(DropRetentionPolicyStatement.class, "DROP RETENTION POLICY"),
            Map.entry(DropMeasurementStatement.class, "DROP MEASUREMENT"),
            Map.entry(CreateUserStatement.class, "CREATE USER"), Map.entry(DropUserStatement.class, "DROP USER"),
            Map.entry(SetPasswordUserStatement.class, "SET PASSWORD"), Map.entry(GrantStatement.class, "GRANT"),
            Map.entry(GrantAdminStatement.class, "GRANT"), Map.entry(RevokeStatement.class, "REVOKE"),
            Map.entry(RevokeAdminStatement.class, "REVOKE"), Map.entry(KillQueryStatement.class, "KILL QUERY"),
            Map.entry(DropShardStatement.class, "DROP SHARD"), Map.entry(CreateSubscriptionStatement.class, "CREATE SUBSCRIPTION"),
            Map.entry(DropSubscriptionStatement.class, "DROP SUBSCRIPTION"),
            Map.entry(CreateContinuousQueryStatement.class, "CREATE CONTINUOUS QUERY"),
            Map.entry(DropContinuousQueryStatement.class, "DROP CONTINUOUS QUERY"),
            Map.entry(ShowContinuousQueriesStatement.class, "SHOW CONTINUOUS QUERIES"),
            Map.entry(ShowGrantsForUserStatement.class, "SHOW GRANTS"), Map.entry(ShowDatabasesStatement.class, "SHOW DATABASES"),
            Map.entry(ShowFieldKeyCardinalityStatement.class, "SHOW FIELD KEY CARDINALITY"),
            Map.entry(ShowFieldKeysStatement.class, "SHOW FIELD KEYS"),
            Map.entry(ShowRetentionPoliciesStatement.class, "SHOW RETENTION POLICIES"),
            Map.entry(ShowMeasurementCardinalityStatement.class, "SHOW MEASUREMENT CARDINALITY"),
            Map.entry(ShowMeasurementsStatement.class, "SHOW MEASUREMENTS"), Map.entry(ShowQueriesStatement.class, "SHOW QUERIES"),
            Map.entry(ShowSeriesStatement.class, "SHOW SERIES"),
            Map.entry(ShowSeriesCardinalityStatement.class, "SHOW SERIES CARDINALITY"),
            Map.entry(ShowShardGroupsStatement.class, "SHOW SHARD GROUPS"), Map.entry(ShowShardsStatement.class, "SHOW SHARDS"),
            Map.entry(ShowStatsStatement.class, "SHOW STATS"), Map.entry(ShowSubscriptionsStatement.class, "SHOW SUBSCRIPTIONS"),
            Map.entry(ShowDiagnosticsStatement.class, "SHOW DIAGNOSTICS"),
            Map.entry(ShowTagKeyCardinalityStatement.class, "SHOW TAG KEY CARDINALITY"),
            Map.entry(ShowTagKeysStatement.class, "SHOW TAG KEYS"),
            Map.entry(ShowTagValuesCardinalityStatement.class, "SHOW TAG VALUES CARDINALITY"),
            Map.entry(ShowTagValuesStatement.class, "SHOW TAG VALUES"), Map.entry(ShowUsersStatement.class, "SHOW USERS"));

    private StatementKinds() {}

    static String of(Statement s) {
        return KINDS.get(s.getClass());
    }
}
