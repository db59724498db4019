package io.influxha.gateway.auth;

import io.influxha.gateway.query.Statement;
import java.util.List;
import java.util.Set;

/**
 * Per-statement authorization of {@code /query}, as InfluxDB 1.8's query authorizer decides it
 * (influxql RequiredPrivileges): reads need READ on their database, DELETE and DROP SERIES need
 * WRITE, other DDL and per-server statements (SHOW USERS, SHOW QUERIES, ...) need an admin, and
 * SHOW DATABASES needs nothing (1.8 filters its answer; the gateway lists every database). The
 * whole request is refused before any statement runs, with 1.8's 403 text.
 */
public final class QueryAuthorizer {
    private static final Set<String> WRITE_KINDS = Set.of("DELETE", "DROP SERIES");
    private static final Set<String> OPEN_KINDS = Set.of("SHOW DATABASES");

    private QueryAuthorizer() {}

    /** @throws AuthException 403 {@code error authorizing query: ...} for the first statement {@code user} may not run */
    public static void authorize(User user, List<Statement> statements, String paramDb) {
        for (Statement st : statements) {
            String db = st.database() != null && !st.database().isEmpty() ? st.database() : paramDb;
            String denied = denial(user, st, db);
            if (denied != null) {
                throw AuthException.forbidden("error authorizing query: " + user.name()
                        + " not authorized to execute statement '" + st.text() + "', " + denied);
            }
        }
    }

    /** Why {@code user} may not run {@code st} ("requires ..."), or null when it may. */
    static String denial(User user, Statement st, String db) {
        if (user.admin() || OPEN_KINDS.contains(st.kind()) || st.route() == Statement.Route.REJECT) {
            return null;
        }
        return switch (st.route()) {
            case READ, MERGE_LIST, MERGE_SERIES, MERGE_META -> user.mayRead(db) ? null : "requires READ on " + db;
            case DDL -> WRITE_KINDS.contains(st.kind())
                    ? (user.mayWrite(db) ? null : "requires WRITE on " + db)
                    : "requires admin privilege";
            default -> "requires admin privilege";
        };
    }
}
