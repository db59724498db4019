package io.influxha.gateway.query;

import io.influxha.gateway.influxql.SelectStatement;
import io.influxha.gateway.influxql.Source;
import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.influxql.Statement.*;
import java.util.List;
import java.util.Map;

/** Names of statement kinds as messages and logs print them ({@code SHOW TAG VALUES}), and the sources each reads. */
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

    /** What a statement reads from: its FROM list or WITH MEASUREMENT; null when it names none (it reads any). */
    static List<Source> sources(Statement s) {
        if (s instanceof SelectStatement x) {
            return x.sources();
        } else if (s instanceof ExplainStatement x) {
            return x.statement().sources();
        } else if (s instanceof ShowMeasurementsStatement x) {
            return x.source() == null ? null : List.of(x.source());
        } else if (s instanceof ShowSeriesStatement x) {
            return x.sources();
        } else if (s instanceof ShowTagKeysStatement x) {
            return x.sources();
        } else if (s instanceof ShowTagValuesStatement x) {
            return x.sources();
        } else if (s instanceof ShowFieldKeysStatement x) {
            return x.sources();
        } else if (s instanceof ShowTagKeyCardinalityStatement x) {
            return x.sources();
        } else if (s instanceof ShowTagValuesCardinalityStatement x) {
            return x.sources();
        } else if (s instanceof ShowFieldKeyCardinalityStatement x) {
            return x.sources();
        } else if (s instanceof ShowSeriesCardinalityStatement x) {
            return x.sources();
        } else if (s instanceof ShowMeasurementCardinalityStatement x) {
            return x.sources();
        } else if (s instanceof DeleteSeriesStatement x) {
            return x.sources();
        } else if (s instanceof DropSeriesStatement x) {
            return x.sources();
        } else if (s instanceof DropMeasurementStatement x) {
            return List.of(new Source.Measurement("", "", x.name(), null, false));
        }
        return null;
    }
}
