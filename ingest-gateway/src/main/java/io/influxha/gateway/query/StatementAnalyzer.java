package io.influxha.gateway.query;

import io.influxha.gateway.influxql.ParsedStatement;
import io.influxha.gateway.influxql.SelectStatement;
import io.influxha.gateway.influxql.Source;
import io.influxha.gateway.influxql.Statement.*;
import io.influxha.gateway.influxql.Token;
import io.influxha.gateway.query.Statement.Route;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what the gateway does with each parsed statement: its route (read one shard, merge
 * several, DDL through the log, refuse), the measurements it reads, and the paging clauses a merge
 * applies itself. Works on the parser's AST only; what it cannot narrow down reads every shard,
 * which is always correct, only slower.
 */
public final class StatementAnalyzer {
    private static final String HOMELESS = "it has no single home: run it on every backend directly";
    private static final String DIVERGES = "it would run on one replica over its own data and make replicas diverge";

    /** Kinds refused, with the reason given to the client (docs/query-routing.md explains each). */
    private static final Map<Class<?>, String> REJECTED = Map.ofEntries(
            Map.entry(CreateUserStatement.class, HOMELESS), Map.entry(DropUserStatement.class, HOMELESS),
            Map.entry(SetPasswordUserStatement.class, HOMELESS), Map.entry(GrantStatement.class, HOMELESS),
            Map.entry(GrantAdminStatement.class, HOMELESS), Map.entry(RevokeStatement.class, HOMELESS),
            Map.entry(RevokeAdminStatement.class, HOMELESS), Map.entry(KillQueryStatement.class, HOMELESS),
            Map.entry(DropShardStatement.class, HOMELESS), Map.entry(CreateSubscriptionStatement.class, HOMELESS),
            Map.entry(DropSubscriptionStatement.class, HOMELESS),
            Map.entry(CreateContinuousQueryStatement.class, DIVERGES), Map.entry(DropContinuousQueryStatement.class, DIVERGES));
    private static final Set<Class<?>> DDL = Set.of(CreateDatabaseStatement.class, DropDatabaseStatement.class,
            CreateRetentionPolicyStatement.class, AlterRetentionPolicyStatement.class, DropRetentionPolicyStatement.class,
            DropMeasurementStatement.class, DropSeriesStatement.class, DeleteSeriesStatement.class);

    private StatementAnalyzer() {}

    public static List<Statement> analyze(List<ParsedStatement> parsed) {
        return parsed.stream().map(StatementAnalyzer::analyze).toList();
    }

    public static Statement analyze(ParsedStatement parsed) {
        io.influxha.gateway.influxql.Statement ast = parsed.statement();
        String kind = StatementKinds.of(ast);
        if (REJECTED.containsKey(ast.getClass())) {
            return reject(parsed, kind, REJECTED.get(ast.getClass()));
        }
        if (writesInto(ast)) {
            return reject(parsed, "SELECT INTO", DIVERGES);
        }
        Reads reads = Reads.of(ast);
        if (DDL.contains(ast.getClass())) {
            return new Statement(parsed, kind, Route.DDL, parsed.text(), reads.names(), reads.any(), -1, 0, null);
        }
        Route route = route(ast);
        if (route == Route.MERGE_LIST) {
            long[] paging = paging(ast);
            return new Statement(parsed, kind, route, parsed.rewrite(null, Set.of(Token.LIMIT, Token.OFFSET)),
                    reads.names(), reads.any(), paging[0] > 0 ? paging[0] : -1, paging[1], null);
        }
        if (ast instanceof ShowTagKeysStatement tagKeys) {
            return new Statement(parsed, kind, route, parsed.rewrite(null, Set.of(Token.SLIMIT, Token.SOFFSET)),
                    reads.names(), reads.any(), tagKeys.slimit() > 0 ? tagKeys.slimit() : -1, tagKeys.soffset(), null);
        }
        return new Statement(parsed, kind, route, parsed.text(), reads.names(), reads.any(), -1, 0, null);
    }

    private static Statement reject(ParsedStatement parsed, String kind, String why) {
        return new Statement(parsed, kind, Route.REJECT, parsed.text(), Set.of(), true, -1, 0,
                "influx-ha: " + kind + " is not supported through the gateway: " + why);
    }

    /** SELECT ... INTO (at any depth, or under EXPLAIN) writes into one replica only. */
    private static boolean writesInto(io.influxha.gateway.influxql.Statement ast) {
        if (ast instanceof ExplainStatement explain) {
            return writesInto(explain.statement());
        }
        if (!(ast instanceof SelectStatement select)) {
            return false;
        }
        if (select.target() != null) {
            return true;
        }
        return select.sources().stream().anyMatch(s -> s instanceof Source.SubQuery q && writesInto(q.statement()));
    }

    private static Route route(io.influxha.gateway.influxql.Statement ast) {
        if (ast instanceof SelectStatement || ast instanceof ExplainStatement) {
            return Route.READ;
        } else if (ast instanceof ShowMeasurementsStatement || ast instanceof ShowSeriesStatement) {
            return Route.MERGE_LIST;
        } else if (ast instanceof ShowTagKeysStatement || ast instanceof ShowTagValuesStatement
                || ast instanceof ShowFieldKeysStatement) {
            return Route.MERGE_SERIES;
        } else if (ast instanceof ShowDatabasesStatement || ast instanceof ShowRetentionPoliciesStatement) {
            return Route.MERGE_META;
        }
        return cardinalityRoute(ast);
    }

    /**
     * {@code SHOW ... CARDINALITY}. Tag key, tag value, field key and exact series counts come as one
     * series per measurement (1.8 computes them per measurement), and a measurement lives in one
     * shard, so the owning shards' series are merged like SHOW TAG KEYS. Database-wide numbers
     * (series estimate, measurement cardinality) cannot be split by shard when a replica holds
     * several shards: one replica of the default shard answers (docs/query-routing.md).
     */
    private static Route cardinalityRoute(io.influxha.gateway.influxql.Statement ast) {
        if (ast instanceof ShowTagKeyCardinalityStatement || ast instanceof ShowTagValuesCardinalityStatement
                || ast instanceof ShowFieldKeyCardinalityStatement
                || (ast instanceof ShowSeriesCardinalityStatement s && s.exact())) {
            return Route.MERGE_SERIES;
        }
        return Route.ANY_REPLICA; // SHOW USERS, QUERIES, STATS, ..., database-wide cardinalities
    }

    /** LIMIT and OFFSET of a list statement. */
    private static long[] paging(io.influxha.gateway.influxql.Statement ast) {
        if (ast instanceof ShowMeasurementsStatement m) {
            return new long[] {m.limit(), m.offset()};
        }
        ShowSeriesStatement s = (ShowSeriesStatement) ast;
        return new long[] {s.limit(), s.offset()};
    }

    /** Measurements a statement reads: names from FROM lists (subqueries included) and WITH MEASUREMENT. */
    private record Reads(Set<String> names, boolean any) {
        static Reads of(io.influxha.gateway.influxql.Statement ast) {
            Set<String> names = new LinkedHashSet<>();
            List<Source> sources = ast.sources();
            if (sources == null) {
                return new Reads(names, true);
            }
            boolean[] any = {false};
            collect(sources, names, any);
            return new Reads(names, any[0] || names.isEmpty());
        }

        private static void collect(List<Source> sources, Set<String> names, boolean[] any) {
            for (Source s : sources) {
                if (s instanceof Source.SubQuery q) {
                    collect(q.statement().sources(), names, any);
                } else if (s instanceof Source.Measurement m) {
                    if (m.regex() != null) {
                        any[0] = true;
                    } else {
                        names.add(m.name());
                    }
                }
            }
        }
    }
}
