package io.influxha.testkit.influxql;

import io.influxha.testkit.influxql.QueryText.Join;

/**
 * Every statement kind of influxql 1.1.0's parse_tree.go with its optional clauses: the SHOW family
 * (with the cardinality forms), CREATE/DROP/ALTER, GRANT/REVOKE, KILL, SET PASSWORD, EXPLAIN,
 * DELETE and SELECT. Each {@link #statement} call writes one statement, valid by construction but
 * for the rare invalid duration or out-of-range number the lexemes hold on purpose.
 */
final class StatementGrammar {
    private static final int KINDS = 40;

    private final Lexemes lx;
    private final SelectGrammar select;

    StatementGrammar(Lexemes lx, SelectGrammar select) {
        this.lx = lx;
        this.select = select;
    }

    void statement(QueryText t) {
        int kind = lx.chance(35) ? 0 : lx.below(KINDS);
        switch (kind) {
            case 0, 1, 2, 3 -> select.select(t, 0, false);
            case 4 -> kw(t, "EXPLAIN").then(lx.chance(40), () -> kw(t, "ANALYZE")).select(t);
            case 5 -> delete(t, "DELETE");
            case 6 -> delete(t, "DROP SERIES");
            case 7 -> kw(t, "SHOW CONTINUOUS QUERIES");
            case 8 -> kw(t, "SHOW DATABASES");
            case 9 -> kw(t, "SHOW DIAGNOSTICS").then(lx.chance(40), () -> kw(t, "FOR").word(t, lx.string()));
            case 10 -> kw(t, "SHOW STATS").then(lx.chance(40), () -> kw(t, "FOR").word(t, lx.string()));
            case 11 -> kw(t, "SHOW FIELD KEYS").on(t).from(t).orderBy(t).limits(t, 2);
            case 12 -> kw(t, "SHOW GRANTS FOR").ident(t);
            case 13 -> cardinality(t, "SHOW MEASUREMENT");
            case 14 -> showMeasurements(t);
            case 15 -> kw(t, "SHOW QUERIES");
            case 16 -> kw(t, "SHOW RETENTION POLICIES").on(t);
            case 17 -> kw(t, "SHOW SERIES").on(t).from(t).where(t).orderBy(t).limits(t, 2);
            case 18 -> cardinality(t, "SHOW SERIES");
            case 19 -> kw(t, "SHOW SHARD GROUPS");
            case 20 -> kw(t, "SHOW SHARDS");
            case 21 -> kw(t, "SHOW SUBSCRIPTIONS");
            case 22 -> cardinality(t, "SHOW TAG KEY");
            case 23 -> kw(t, "SHOW TAG KEYS").on(t).from(t).where(t).orderBy(t).limits(t, 4);
            case 24 -> tagValues(t);
            case 25 -> kw(t, "SHOW USERS");
            case 26 -> cardinality(t, "SHOW FIELD KEY");
            case 27 -> continuousQuery(t);
            case 28 -> createDatabase(t);
            case 29 -> kw(t, "CREATE USER").ident(t).kw(t, "WITH PASSWORD").word(t, lx.string())
                    .then(lx.chance(30), () -> kw(t, "WITH ALL PRIVILEGES"));
            case 30 -> kw(t, "CREATE RETENTION POLICY").ident(t).kw(t, "ON").ident(t).kw(t, "DURATION").rpDuration(t)
                    .kw(t, "REPLICATION").word(t, Integer.toString(1 + lx.below(3)))
                    .then(lx.chance(40), () -> kw(t, "SHARD DURATION").word(t, lx.duration()))
                    .then(lx.chance(30), () -> kw(t, "DEFAULT"));
            case 31 -> kw(t, "CREATE SUBSCRIPTION").ident(t).kw(t, "ON").ident(t).tight(t, ".").tightIdent(t)
                    .kw(t, "DESTINATIONS").kw(t, lx.chance(50) ? "ALL" : "ANY").word(t, lx.string())
                    .then(lx.chance(40), () -> word(t, ",").word(t, lx.string()));
            case 32 -> kw(t, lx.pick(new String[] {"DROP DATABASE", "DROP MEASUREMENT", "DROP USER"})).ident(t);
            case 33 -> kw(t, lx.chance(50) ? "DROP CONTINUOUS QUERY" : "DROP RETENTION POLICY").ident(t).kw(t, "ON").ident(t);
            case 34 -> kw(t, "DROP SHARD").word(t, lx.integer());
            case 35 -> kw(t, "DROP SUBSCRIPTION").ident(t).kw(t, "ON").ident(t).tight(t, ".").tightIdent(t);
            case 36 -> grant(t);
            case 37 -> alterRetentionPolicy(t);
            case 38 -> kw(t, "SET PASSWORD FOR").ident(t).word(t, "=").word(t, lx.string());
            default -> kw(t, "KILL QUERY").word(t, Integer.toString(lx.below(10000)))
                    .then(lx.chance(30), () -> kw(t, "ON").ident(t));
        }
    }

    /** Writes each word of {@code words} as a keyword in random case. */
    private StatementGrammar kw(QueryText t, String words) {
        for (String w : words.split(" ")) {
            t.word(lx.keyword(w));
        }
        return this;
    }

    private StatementGrammar word(QueryText t, String text) {
        t.word(text);
        return this;
    }

    private StatementGrammar tight(QueryText t, String text) {
        t.tight(text);
        return this;
    }

    private StatementGrammar ident(QueryText t) {
        select.segments(t, 1, Join.ANY);
        return this;
    }

    private StatementGrammar tightIdent(QueryText t) {
        select.segments(t, 1, Join.TIGHT);
        return this;
    }

    private StatementGrammar then(boolean when, Runnable clause) {
        if (when) {
            clause.run();
        }
        return this;
    }

    private void select(QueryText t) {
        select.select(t, 0, false);
    }

    private StatementGrammar rpDuration(QueryText t) {
        return word(t, lx.chance(15) ? lx.keyword("INF") : lx.duration());
    }

    private StatementGrammar on(QueryText t) {
        return then(lx.chance(40), () -> kw(t, "ON").ident(t));
    }

    private StatementGrammar from(QueryText t) {
        return then(lx.chance(60), () -> {
            kw(t, "FROM");
            select.sources(t, 0, false);
        });
    }

    private StatementGrammar where(QueryText t) {
        return then(lx.chance(40), () -> {
            kw(t, "WHERE");
            select.condition(t, 0);
        });
    }

    private StatementGrammar groupBy(QueryText t) {
        return then(lx.chance(25), () -> {
            kw(t, "GROUP BY");
            select.segments(t, 1, Join.SPACE); // a dimension: parseRegex would read a comment as a regex
        });
    }

    private StatementGrammar orderBy(QueryText t) {
        return then(lx.chance(15), () -> kw(t, "ORDER BY").word(t, "time").then(lx.chance(50), () -> kw(t, "DESC")));
    }

    /** The first {@code n} of LIMIT, OFFSET, SLIMIT, SOFFSET, each present or not. */
    private StatementGrammar limits(QueryText t, int n) {
        String[] words = {"LIMIT", "OFFSET", "SLIMIT", "SOFFSET"};
        for (int i = 0; i < n; i++) {
            if (lx.chance(15)) {
                kw(t, words[i]);
                select.limitValue(t);
            }
        }
        return this;
    }

    /** DELETE / DROP SERIES: FROM, WHERE or both; at least one is required. */
    private void delete(QueryText t, String words) {
        kw(t, words);
        boolean from = lx.chance(60);
        if (from) {
            kw(t, "FROM");
            select.unqualifiedSources(t);
        }
        if (!from || lx.chance(50)) {
            kw(t, "WHERE");
            select.condition(t, 0);
        }
    }

    private void cardinality(QueryText t, String words) {
        kw(t, words).then(lx.chance(40), () -> kw(t, "EXACT")).kw(t, "CARDINALITY")
                .on(t).from(t).where(t).groupBy(t).limits(t, 2);
    }

    private void showMeasurements(QueryText t) {
        kw(t, "SHOW MEASUREMENTS").on(t);
        if (lx.chance(40)) {
            kw(t, "WITH MEASUREMENT");
            if (lx.chance(50)) {
                t.word("=");
                select.source(t, 0, false);
            } else {
                t.word("=~");
                select.regexOperand(t, Join.SPACE);
            }
        }
        where(t).orderBy(t).limits(t, 2);
    }

    private void tagValues(QueryText t) {
        kw(t, "SHOW TAG VALUES");
        boolean card = lx.chance(30);
        if (card) {
            then(lx.chance(50), () -> kw(t, "EXACT")).kw(t, "CARDINALITY");
        }
        on(t).from(t).kw(t, "WITH KEY");
        switch (lx.below(4)) {
            case 0 -> {
                kw(t, "IN").word(t, "(").ident(t);
                for (int i = lx.below(3); i > 0; i--) {
                    word(t, ",").ident(t);
                }
                word(t, ")");
            }
            case 1 -> word(t, lx.chance(50) ? "=" : "!=").ident(t);
            default -> {
                t.word(lx.chance(70) ? "=~" : "!~");
                select.regexOperand(t, Join.SPACE);
            }
        }
        where(t);
        if (card) {
            groupBy(t).limits(t, 2);
        } else {
            orderBy(t).limits(t, 2);
        }
    }

    private void continuousQuery(QueryText t) {
        kw(t, "CREATE CONTINUOUS QUERY").ident(t).kw(t, "ON").ident(t);
        if (lx.chance(40)) {
            kw(t, "RESAMPLE");
            boolean every = lx.chance(60);
            then(every, () -> kw(t, "EVERY").word(t, lx.duration()));
            // FOR must cover the GROUP BY interval and EVERY, else validate() fails
            then(!every || lx.chance(50), () -> kw(t, "FOR").word(t, (1000 + lx.below(5000)) + "w"));
        }
        kw(t, "BEGIN");
        select.select(t, 0, true);
        kw(t, "END");
    }

    private void createDatabase(QueryText t) {
        kw(t, "CREATE DATABASE").ident(t);
        if (lx.chance(50)) {
            kw(t, "WITH");
            boolean any = false;
            if (lx.chance(50)) {
                kw(t, "DURATION").rpDuration(t);
                any = true;
            }
            if (lx.chance(40)) {
                kw(t, "REPLICATION").word(t, Integer.toString(1 + lx.below(3)));
                any = true;
            }
            if (lx.chance(30)) {
                kw(t, "SHARD DURATION").word(t, lx.duration());
                any = true;
            }
            if (!any || lx.chance(40)) {
                kw(t, "NAME").ident(t);
            }
        }
    }

    private void grant(QueryText t) {
        boolean revoke = lx.chance(50);
        kw(t, revoke ? "REVOKE" : "GRANT");
        int privilege = lx.below(3);
        kw(t, new String[] {"READ", "WRITE", "ALL"}[privilege]);
        then(privilege == 2 && lx.chance(60), () -> kw(t, "PRIVILEGES"));
        if (privilege != 2 || lx.chance(50)) {
            kw(t, "ON").ident(t);
        }
        kw(t, revoke ? "FROM" : "TO").ident(t);
    }

    private void alterRetentionPolicy(QueryText t) {
        kw(t, "ALTER RETENTION POLICY");
        if (lx.chance(15)) {
            kw(t, "DEFAULT");
        } else {
            ident(t);
        }
        kw(t, "ON").ident(t);
        boolean any = false;
        for (String option : new String[] {"DURATION", "REPLICATION", "SHARD", "DEFAULT"}) {
            if (lx.chance(40) || (!any && option.equals("DEFAULT"))) {
                any = true;
                switch (option) {
                    case "DURATION" -> kw(t, "DURATION").rpDuration(t);
                    case "REPLICATION" -> kw(t, "REPLICATION").word(t, Integer.toString(1 + lx.below(3)));
                    case "SHARD" -> kw(t, "SHARD DURATION").word(t, lx.duration());
                    default -> kw(t, "DEFAULT");
                }
            }
        }
    }
}
