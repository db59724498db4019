package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Lexer.Lexeme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * influxql's parse tree (parse_tree.go): the leading keywords that choose a statement's parser,
 * registered in influxql's order, because its error for an unknown word lists them in that order
 * ({@code found X, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL}).
 */
final class StatementParsers {
    private static final Tree LANGUAGE = language();

    private final Parser p;
    final SelectParser select;
    final ShowParser show;
    final AdminParser admin;

    StatementParsers(Parser p) {
        this.p = p;
        this.select = new SelectParser(p);
        this.show = new ShowParser(p, select);
        this.admin = new AdminParser(p, select);
    }

    Statement parseStatement() {
        Tree t = LANGUAGE;
        while (true) {
            Lexeme l = p.scanIgnoreWhitespace();
            Tree sub = t.subtrees.get(l.tok());
            if (sub != null) {
                t = sub;
                continue;
            }
            Function<StatementParsers, Statement> handler = t.handlers.get(l.tok());
            if (handler != null) {
                return handler.apply(this);
            }
            throw ParseException.expected(l.tok(), l.lit(), t.keys, l.pos());
        }
    }

    private static final class Tree {
        final Map<Token, Tree> subtrees = new HashMap<>();
        final Map<Token, Function<StatementParsers, Statement>> handlers = new HashMap<>();
        final List<String> keys = new ArrayList<>();

        Tree group(Token... tokens) {
            Tree t = this;
            for (Token tok : tokens) {
                Tree sub = t.subtrees.get(tok);
                if (sub == null) {
                    sub = new Tree();
                    t.subtrees.put(tok, sub);
                    t.keys.add(tok.toString());
                }
                t = sub;
            }
            return t;
        }

        Tree handle(Token tok, Function<StatementParsers, Statement> handler) {
            handlers.put(tok, handler);
            keys.add(tok.toString());
            return this;
        }
    }

    private static Tree language() {
        Tree root = new Tree();
        root.handle(Token.SELECT, x -> x.select.parseSelectStatement(SelectParser.TargetRule.NOT_REQUIRED));
        root.handle(Token.DELETE, x -> x.select.parseSeriesDeletion(false));
        Tree show = root.group(Token.SHOW);
        show.group(Token.CONTINUOUS).handle(Token.QUERIES, x -> new Statement.ShowContinuousQueriesStatement());
        show.handle(Token.DATABASES, x -> new Statement.ShowDatabasesStatement());
        show.handle(Token.DIAGNOSTICS, x -> new Statement.ShowDiagnosticsStatement(x.show.forModule()));
        show.group(Token.FIELD).handle(Token.KEY, x -> x.show.fieldKeyCardinality()).handle(Token.KEYS, x -> x.show.fieldKeys());
        show.group(Token.GRANTS).handle(Token.FOR, x -> x.show.grantsForUser());
        show.group(Token.MEASUREMENT).handle(Token.EXACT, x -> x.show.measurementCardinality(true))
                .handle(Token.CARDINALITY, x -> x.show.measurementCardinality(false));
        show.handle(Token.MEASUREMENTS, x -> x.show.measurements());
        show.handle(Token.QUERIES, x -> new Statement.ShowQueriesStatement());
        show.group(Token.RETENTION).handle(Token.POLICIES, x -> x.show.retentionPolicies());
        show.handle(Token.SERIES, x -> x.show.series());
        show.group(Token.SHARD).handle(Token.GROUPS, x -> new Statement.ShowShardGroupsStatement());
        show.handle(Token.SHARDS, x -> new Statement.ShowShardsStatement());
        show.handle(Token.STATS, x -> new Statement.ShowStatsStatement(x.show.forModule()));
        show.handle(Token.SUBSCRIPTIONS, x -> new Statement.ShowSubscriptionsStatement());
        show.group(Token.TAG).handle(Token.KEY, x -> x.show.tagKeyCardinality()).handle(Token.KEYS, x -> x.show.tagKeys())
                .handle(Token.VALUES, x -> x.show.tagValues());
        show.handle(Token.USERS, x -> new Statement.ShowUsersStatement());
        Tree create = root.group(Token.CREATE);
        create.group(Token.CONTINUOUS).handle(Token.QUERY, x -> x.admin.createContinuousQuery());
        create.handle(Token.DATABASE, x -> x.admin.createDatabase());
        create.handle(Token.USER, x -> x.admin.createUser());
        create.group(Token.RETENTION).handle(Token.POLICY, x -> x.admin.createRetentionPolicy());
        create.handle(Token.SUBSCRIPTION, x -> x.admin.createSubscription());
        Tree drop = root.group(Token.DROP);
        drop.group(Token.CONTINUOUS).handle(Token.QUERY, x -> x.admin.dropContinuousQuery());
        drop.handle(Token.DATABASE, x -> new Statement.DropDatabaseStatement(x.p.parseIdent()));
        drop.handle(Token.MEASUREMENT, x -> new Statement.DropMeasurementStatement(x.p.parseIdent()));
        drop.group(Token.RETENTION).handle(Token.POLICY, x -> x.admin.dropRetentionPolicy());
        drop.handle(Token.SERIES, x -> x.select.parseSeriesDeletion(true));
        drop.handle(Token.SHARD, x -> new Statement.DropShardStatement(x.p.parseUInt64()));
        drop.handle(Token.SUBSCRIPTION, x -> x.admin.dropSubscription());
        drop.handle(Token.USER, x -> new Statement.DropUserStatement(x.p.parseIdent()));
        root.handle(Token.EXPLAIN, x -> x.select.parseExplainStatement());
        root.handle(Token.GRANT, x -> x.admin.grant());
        root.handle(Token.REVOKE, x -> x.admin.revoke());
        root.group(Token.ALTER, Token.RETENTION).handle(Token.POLICY, x -> x.admin.alterRetentionPolicy());
        root.group(Token.SET, Token.PASSWORD).handle(Token.FOR, x -> x.admin.setPassword());
        root.group(Token.KILL).handle(Token.QUERY, x -> x.admin.killQuery());
        return root;
    }
}
