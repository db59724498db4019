package io.influxha.gateway.query;

import io.influxha.gateway.query.Scanner.Kind;
import io.influxha.gateway.query.Scanner.Token;
import io.influxha.gateway.query.Statement.Route;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a statement far enough to route it: its kind, the measurements it reads and the database
 * it names. Syntax errors were already reported by the gateway's parse pass; what this cannot
 * read routes to every shard, which is always correct, only slower.
 */
public final class StatementAnalyzer {
    private static final String HOMELESS = "it has no single home: run it on every backend directly";
    private static final String DIVERGES = "it would run on one replica over its own data and make replicas diverge";

    /** Kinds refused, with the reason given to the client (docs/query-routing.md explains each). */
    private static final Map<String, String> REJECTED = Map.ofEntries(
            Map.entry("CREATE USER", HOMELESS), Map.entry("DROP USER", HOMELESS), Map.entry("SET PASSWORD", HOMELESS),
            Map.entry("GRANT", HOMELESS), Map.entry("REVOKE", HOMELESS), Map.entry("KILL QUERY", HOMELESS),
            Map.entry("DROP SHARD", HOMELESS), Map.entry("CREATE SUBSCRIPTION", HOMELESS),
            Map.entry("DROP SUBSCRIPTION", HOMELESS),
            Map.entry("CREATE CONTINUOUS QUERY", DIVERGES), Map.entry("DROP CONTINUOUS QUERY", DIVERGES));
    private static final Set<String> DDL = Set.of("CREATE DATABASE", "DROP DATABASE", "CREATE RETENTION POLICY",
            "ALTER RETENTION POLICY", "DROP RETENTION POLICY", "DROP MEASUREMENT", "DROP SERIES", "DELETE");

    private StatementAnalyzer() {}

    public static Statement analyze(String text) {
        List<Token> t = Scanner.tokens(text);
        String kind = kind(t);
        if (REJECTED.containsKey(kind)) {
            return reject(kind, text, REJECTED.get(kind));
        }
        if (kind.equals("SELECT") && t.stream().anyMatch(x -> x.is("INTO"))) {
            return reject("SELECT INTO", text, DIVERGES);
        }
        Sources sources = Sources.of(t);
        String database = database(kind, t, sources);
        if (DDL.contains(kind)) {
            return new Statement(kind, Route.DDL, text, text, sources.names(), sources.any(), database, -1, 0, null);
        }
        Route route = t.stream().anyMatch(x -> x.is("CARDINALITY")) ? cardinalityRoute(kind, t) : route(kind);
        if (route == null) {
            return reject(kind, text, HOMELESS);
        }
        String limitWord = route == Route.MERGE_LIST ? "LIMIT" : "SLIMIT";
        String offsetWord = route == Route.MERGE_LIST ? "OFFSET" : "SOFFSET";
        if (route != Route.MERGE_LIST && route != Route.MERGE_SERIES) {
            return new Statement(kind, route, text, text, sources.names(), sources.any(), database, -1, 0, null);
        }
        Clauses c = Clauses.strip(text, t, limitWord, offsetWord);
        return new Statement(kind, route, text, c.text(), sources.names(), sources.any(), database, c.limit(), c.offset(), null);
    }

    private static Statement reject(String kind, String text, String why) {
        return new Statement(kind, Route.REJECT, text, text, Set.of(), true, null, -1, 0,
                "influx-ha: " + kind + " is not supported through the gateway: " + why);
    }

    /** Up to three leading words: SHOW TAG VALUES, CREATE RETENTION POLICY, SELECT. */
    static String kind(List<Token> t) {
        StringBuilder kind = new StringBuilder();
        int words = t.isEmpty() ? 0 : switch (t.get(0).value().toUpperCase(Locale.ROOT)) {
            case "SELECT", "DELETE", "EXPLAIN", "GRANT", "REVOKE" -> 1;
            case "SHOW", "CREATE", "DROP", "ALTER" -> 3;
            default -> 2;
        };
        for (int i = 0; i < Math.min(words, t.size()) && t.get(i).kind() == Kind.WORD; i++) {
            kind.append(i == 0 ? "" : " ").append(t.get(i).value().toUpperCase(Locale.ROOT));
        }
        String k = kind.toString();
        for (String known : List.of("SHOW TAG KEYS", "SHOW TAG VALUES", "SHOW FIELD KEYS", "SHOW RETENTION POLICIES",
                "SHOW CONTINUOUS QUERIES", "SHOW SHARD GROUPS", "CREATE RETENTION POLICY", "ALTER RETENTION POLICY",
                "DROP RETENTION POLICY", "CREATE CONTINUOUS QUERY", "DROP CONTINUOUS QUERY")) {
            if (k.startsWith(known)) {
                return known;
            }
        }
        int second = k.indexOf(' ', k.indexOf(' ') + 1);
        return second < 0 ? k : k.substring(0, second);
    }

    /**
     * {@code SHOW ... CARDINALITY}. Tag key, tag value, field key and exact series counts come as one
     * series per measurement (1.8 computes them per measurement), and a measurement lives in one
     * shard, so the owning shards' series are merged like SHOW TAG KEYS. Database-wide numbers
     * (series estimate, measurement cardinality) cannot be split by shard when a replica holds
     * several shards: one replica of the default shard answers (docs/query-routing.md).
     */
    private static Route cardinalityRoute(String kind, List<Token> t) {
        boolean exact = t.stream().anyMatch(x -> x.is("EXACT"));
        boolean perMeasurement = kind.startsWith("SHOW TAG") || kind.startsWith("SHOW FIELD") || (kind.equals("SHOW SERIES") && exact);
        return perMeasurement ? Route.MERGE_SERIES : Route.ANY_REPLICA;
    }

    private static Route route(String kind) {
        return switch (kind) {
            case "SELECT", "EXPLAIN" -> Route.READ;
            case "SHOW MEASUREMENTS", "SHOW SERIES" -> Route.MERGE_LIST;
            case "SHOW TAG KEYS", "SHOW TAG VALUES", "SHOW FIELD KEYS" -> Route.MERGE_SERIES;
            case "SHOW DATABASES", "SHOW RETENTION POLICIES" -> Route.MERGE_META;
            default -> kind.startsWith("SHOW") ? Route.ANY_REPLICA : null;
        };
    }

    /** The database the statement names itself: ON db, DROP DATABASE db, or FROM db.rp.m. */
    private static String database(String kind, List<Token> t, Sources sources) {
        if (kind.equals("CREATE DATABASE") || kind.equals("DROP DATABASE")) {
            return t.size() > 2 && t.get(2).isIdentifier() ? t.get(2).value() : null;
        }
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).is("ON") && t.get(i + 1).isIdentifier()) {
                return t.get(i + 1).value();
            }
        }
        return sources.database();
    }

    /** Measurements named in FROM lists (at any depth) and in SHOW MEASUREMENTS' WITH MEASUREMENT. */
    private record Sources(Set<String> names, boolean any, String database) {
        static Sources of(List<Token> t) {
            Set<String> names = new LinkedHashSet<>();
            boolean any = true;
            boolean sawSource = false;
            String db = null;
            for (int i = 0; i < t.size(); i++) {
                boolean from = t.get(i).is("FROM");
                boolean with = t.get(i).is("MEASUREMENT") && i > 0 && t.get(i - 1).is("WITH");
                if (!from && !with) {
                    continue;
                }
                if (with) {
                    i++;
                    if (i + 1 < t.size() && t.get(i).isSymbol('=') && t.get(i + 1).isIdentifier()) {
                        names.add(t.get(i + 1).value());
                        sawSource = true;
                    } else {
                        return new Sources(names, true, db);
                    }
                    continue;
                }
                i++;
                while (i < t.size()) {
                    Token s = t.get(i);
                    if (s.kind() == Kind.REGEX) {
                        return new Sources(names, true, db);
                    }
                    if (s.isSymbol('(')) {
                        break; // a subquery: its own FROM is read as the loop goes on
                    }
                    int end = path(t, i);
                    if (end == i) {
                        break;
                    }
                    List<Token> parts = t.subList(i, end).stream().filter(x -> !x.isSymbol('.')).toList();
                    names.add(parts.get(parts.size() - 1).value());
                    sawSource = true;
                    if (end - i >= 4 && t.get(i).isIdentifier()) {
                        db = t.get(i).value(); // db.rp.m or db..m
                    }
                    i = end;
                    if (i < t.size() && t.get(i).isSymbol(',')) {
                        i++;
                        continue;
                    }
                    break;
                }
            }
            any = !sawSource;
            return new Sources(names, any, db);
        }

        /** End (exclusive) of a dotted name starting at i: ident, ident.ident, ident.ident.ident, ident..ident. */
        private static int path(List<Token> t, int i) {
            int j = i;
            while (j < t.size() && (t.get(j).isIdentifier() || t.get(j).isSymbol('.'))) {
                if (t.get(j).isIdentifier() && j > i && t.get(j - 1).isIdentifier()) {
                    break;
                }
                j++;
            }
            return j;
        }
    }
}
