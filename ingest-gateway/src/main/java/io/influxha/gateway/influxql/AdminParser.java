package io.influxha.gateway.influxql;

import io.influxha.gateway.influxql.Lexer.Lexeme;
import io.influxha.gateway.influxql.Statement.Privilege;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * influxql's schema and administration statements: databases, retention policies, users and
 * privileges, subscriptions, continuous queries, KILL QUERY, DROP SHARD (parse*Statement of
 * parser.go), each after its leading keywords were read.
 */
final class AdminParser {
    private static final int MAX_INT32 = Integer.MAX_VALUE;

    private final Parser p;
    private final SelectParser selects;

    AdminParser(Parser p, SelectParser selects) {
        this.p = p;
        this.selects = selects;
    }

    private void expect(Token t) {
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() != t) {
            throw ParseException.expected(l.tok(), l.lit(), List.of(t.toString()), l.pos());
        }
    }

    Statement createDatabase() {
        String name = p.parseIdent();
        if (p.scanIgnoreWhitespace().tok() != Token.WITH) {
            p.unscan();
            return new Statement.CreateDatabaseStatement(name, false, null, null, "", 0);
        }
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() != Token.DURATION && l.tok() != Token.NAME && l.tok() != Token.REPLICATION && l.tok() != Token.SHARD) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("DURATION", "NAME", "REPLICATION", "SHARD"), l.pos());
        }
        p.unscan();
        Long duration = p.tryTokens(Token.DURATION) ? p.parseDuration() : null;
        Integer replication = p.tryTokens(Token.REPLICATION) ? p.parseInt(1, MAX_INT32) : null;
        long shardDuration = 0;
        if (p.tryTokens(Token.SHARD)) {
            expect(Token.DURATION);
            shardDuration = p.parseDuration();
        }
        String rpName = p.tryTokens(Token.NAME) ? p.parseIdent() : "";
        return new Statement.CreateDatabaseStatement(name, true, duration, replication, rpName, shardDuration);
    }

    Statement createRetentionPolicy() {
        String name = p.parseIdent();
        expect(Token.ON);
        String db = p.parseIdent();
        expect(Token.DURATION);
        long duration = p.parseDuration();
        expect(Token.REPLICATION);
        int replication = p.parseInt(1, MAX_INT32);
        long shardDuration = 0;
        if (p.scanIgnoreWhitespace().tok() == Token.SHARD) {
            expect(Token.DURATION);
            shardDuration = shardDuration();
        } else {
            p.unscan();
        }
        boolean isDefault = p.scanIgnoreWhitespace().tok() == Token.DEFAULT;
        if (!isDefault) {
            p.unscan();
        }
        return new Statement.CreateRetentionPolicyStatement(name, db, duration, replication, isDefault, shardDuration);
    }

    /** A shard duration: any duration but INF. */
    private long shardDuration() {
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() == Token.INF) {
            throw ParseException.at("invalid duration INF for shard duration", l.pos());
        }
        p.unscan();
        return p.parseDuration();
    }

    Statement alterRetentionPolicy() {
        Lexeme l = p.scanIgnoreWhitespace();
        String name;
        if (l.tok() == Token.DEFAULT) {
            name = "default";
        } else if (l.tok() == Token.IDENT) {
            name = l.lit();
        } else {
            throw ParseException.expected(l.tok(), l.lit(), List.of("identifier"), l.pos());
        }
        expect(Token.ON);
        String db = p.parseIdent();
        Long duration = null;
        Integer replication = null;
        Long shardDuration = null;
        boolean isDefault = false;
        Set<Token> found = EnumSet.noneOf(Token.class);
        while (true) {
            Lexeme option = p.scanIgnoreWhitespace();
            if (found.contains(option.tok())) {
                throw ParseException.at("found duplicate " + option.tok() + " option", option.pos());
            }
            switch (option.tok()) {
                case DURATION -> duration = p.parseDuration();
                case REPLICATION -> replication = p.parseInt(1, MAX_INT32);
                case SHARD -> {
                    Lexeme d = p.scanIgnoreWhitespace();
                    if (d.tok() != Token.DURATION) {
                        throw ParseException.expected(d.tok(), d.lit(), List.of("DURATION"), d.pos());
                    }
                    shardDuration = shardDuration();
                }
                case DEFAULT -> isDefault = true;
                default -> {
                    if (found.isEmpty()) {
                        throw ParseException.expected(option.tok(), option.lit(),
                                List.of("DURATION", "REPLICATION", "SHARD", "DEFAULT"), option.pos());
                    }
                    p.unscan();
                    return new Statement.AlterRetentionPolicyStatement(name, db, duration, replication, isDefault, shardDuration);
                }
            }
            found.add(option.tok());
        }
    }

    Statement dropRetentionPolicy() {
        String name = p.parseIdent();
        expect(Token.ON);
        return new Statement.DropRetentionPolicyStatement(name, p.parseIdent());
    }

    Statement createUser() {
        String name = p.parseIdent();
        p.parseTokens(Token.WITH, Token.PASSWORD);
        String password = p.parseString();
        if (p.scanIgnoreWhitespace().tok() != Token.WITH) {
            p.unscan();
            return new Statement.CreateUserStatement(name, password, false);
        }
        p.parseTokens(Token.ALL, Token.PRIVILEGES);
        return new Statement.CreateUserStatement(name, password, true);
    }

    Statement setPassword() {
        String name = p.parseIdent();
        expect(Token.EQ);
        return new Statement.SetPasswordUserStatement(p.parseString(), name);
    }

    Statement killQuery() {
        long id = p.parseUInt64();
        if (p.scanIgnoreWhitespace().tok() == Token.ON) {
            return new Statement.KillQueryStatement(id, p.parseIdent());
        }
        p.unscan();
        return new Statement.KillQueryStatement(id, "");
    }

    Statement createSubscription() {
        String name = p.parseIdent();
        String[] on = onDatabaseDotPolicy();
        expect(Token.DESTINATIONS);
        Lexeme mode = p.scanIgnoreWhitespace();
        if (mode.tok() != Token.ALL && mode.tok() != Token.ANY) {
            throw ParseException.expected(mode.tok(), mode.lit(), List.of("ALL", "ANY"), mode.pos());
        }
        return new Statement.CreateSubscriptionStatement(name, on[0], on[1], p.parseStringList(), mode.tok().toString());
    }

    Statement dropSubscription() {
        String name = p.parseIdent();
        String[] on = onDatabaseDotPolicy();
        return new Statement.DropSubscriptionStatement(name, on[0], on[1]);
    }

    /** A subscription's {@code ON <db>.<rp>}: no white space before the dot. */
    private String[] onDatabaseDotPolicy() {
        expect(Token.ON);
        String db = p.parseIdent();
        Lexeme dot = p.scan();
        if (dot.tok() != Token.DOT) {
            throw ParseException.expected(dot.tok(), dot.lit(), List.of("."), dot.pos());
        }
        return new String[] {db, p.parseIdent()};
    }

    Statement grant() {
        return privilege(Token.TO, Statement.GrantStatement::new, Statement.GrantAdminStatement::new);
    }

    Statement revoke() {
        return privilege(Token.FROM, Statement.RevokeStatement::new, Statement.RevokeAdminStatement::new);
    }

    /** A privilege on one database, or admin: how GRANT and REVOKE differ. */
    private interface OnDatabase {
        Statement of(Privilege privilege, String on, String user);
    }

    /** {@code <privilege> ON <db> TO|FROM <user>}, or {@code ALL [PRIVILEGES] TO|FROM <user>} for admin. */
    private Statement privilege(Token toward, OnDatabase onDatabase, java.util.function.Function<String, Statement> admin) {
        Privilege priv = parsePrivilege();
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() == Token.ON) {
            String on = p.parseIdent();
            expect(toward);
            return onDatabase.of(priv, on, p.parseIdent());
        } else if (l.tok() == toward) {
            if (priv != Privilege.ALL_PRIVILEGES) {
                throw ParseException.expected(l.tok(), l.lit(), List.of("ON"), l.pos());
            }
            return admin.apply(p.parseIdent());
        }
        List<String> expected = priv == Privilege.ALL_PRIVILEGES ? List.of("ON", toward.toString()) : List.of("ON");
        throw ParseException.expected(l.tok(), l.lit(), expected, l.pos());
    }

    private Privilege parsePrivilege() {
        Lexeme l = p.scanIgnoreWhitespace();
        switch (l.tok()) {
            case READ:
                return Privilege.READ;
            case WRITE:
                return Privilege.WRITE;
            case ALL:
                if (p.scanIgnoreWhitespace().tok() != Token.PRIVILEGES) {
                    p.unscan();
                }
                return Privilege.ALL_PRIVILEGES;
            default:
                throw ParseException.expected(l.tok(), l.lit(), List.of("READ", "WRITE", "ALL [PRIVILEGES]"), l.pos());
        }
    }

    Statement createContinuousQuery() {
        String name = p.parseIdent();
        expect(Token.ON);
        String db = p.parseIdent();
        long every = 0;
        long forDuration = 0;
        if (p.scanIgnoreWhitespace().tok() == Token.RESAMPLE) {
            long[] resample = parseResample();
            every = resample[0];
            forDuration = resample[1];
        } else {
            p.unscan();
        }
        p.parseTokens(Token.BEGIN, Token.SELECT);
        SelectStatement source = selects.parseSelectStatement(SelectParser.TargetRule.REQUIRED);
        if (!source.isRawQuery()) {
            String intervalError = null;
            long interval = 0;
            try {
                interval = groupByInterval(source);
            } catch (ParseException e) {
                intervalError = e.getMessage();
            }
            if (interval == 0 || intervalError != null) {
                p.unscan();
                p.unscan();
                Lexeme l = p.scanIgnoreWhitespace();
                List<String> expected = intervalError == null ? List.of("GROUP BY time(...)") : List.of("GROUP BY time(...)", intervalError);
                throw ParseException.expected(l.tok(), l.lit(), expected, l.pos());
            }
        }
        expect(Token.END);
        validateResample(source, every, forDuration);
        return new Statement.CreateContinuousQueryStatement(name, db, source, every, forDuration);
    }

    /** {@code RESAMPLE [EVERY <d>] [FOR <d>]}, at least one of the two: {every, for}. */
    private long[] parseResample() {
        long every = 0;
        long forDuration = 0;
        if (p.scanIgnoreWhitespace().tok() == Token.EVERY) {
            every = resampleDuration();
        } else {
            p.unscan();
        }
        if (p.scanIgnoreWhitespace().tok() == Token.FOR) {
            forDuration = resampleDuration();
        } else {
            p.unscan();
        }
        if (every == 0 && forDuration == 0) {
            Lexeme l = p.scanIgnoreWhitespace();
            throw ParseException.expected(l.tok(), l.lit(), List.of("EVERY", "FOR"), l.pos());
        }
        return new long[] {every, forDuration};
    }

    private long resampleDuration() {
        Lexeme l = p.scanIgnoreWhitespace();
        if (l.tok() != Token.DURATIONVAL) {
            throw ParseException.expected(l.tok(), l.lit(), List.of("duration"), l.pos());
        }
        try {
            return GoText.parseDuration(l.lit());
        } catch (GoText.BadDuration e) {
            throw ParseException.at(e.getMessage(), l.pos());
        }
    }

    /** CreateContinuousQueryStatement.validate: FOR must cover the GROUP BY interval (or EVERY). */
    private static void validateResample(SelectStatement source, long every, long forDuration) {
        long interval = groupByInterval(source);
        if (forDuration != 0) {
            if (every != 0 && every > interval) {
                interval = every;
            }
            if (interval > forDuration) {
                throw ParseException.plain("FOR duration must be >= GROUP BY time duration: must be a minimum of "
                        + GoText.formatDuration(interval) + ", got " + GoText.formatDuration(forDuration));
            }
        }
    }

    /** SelectStatement.GroupByInterval: the duration of the first {@code time()} dimension, 0 without one. */
    static long groupByInterval(SelectStatement s) {
        if (s.dimensions() == null) {
            return 0;
        }
        for (SelectStatement.Dimension d : s.dimensions()) {
            if (d.expr() instanceof Expr.Call call && call.name().equals("time")) {
                if (call.args().isEmpty() || call.args().size() > 2) {
                    throw ParseException.plain("time dimension expected 1 or 2 arguments");
                }
                if (!(call.args().get(0) instanceof Expr.DurationLiteral lit)) {
                    throw ParseException.plain("time dimension must have duration argument");
                }
                return lit.nanos();
            }
        }
        return 0;
    }

    Statement dropContinuousQuery() {
        String name = p.parseIdent();
        expect(Token.ON);
        return new Statement.DropContinuousQueryStatement(name, p.parseIdent());
    }
}
