package io.influxha.gateway.auth;

import io.influxha.gateway.influxql.Privileges;
import io.influxha.gateway.influxql.Statement;
import io.influxha.gateway.influxql.StatementPrinter;
import java.util.List;

/**
 * Authorization of {@code /query} as InfluxDB 1.x's meta.UserInfo.AuthorizeQuery decides it, over
 * influxql's RequiredPrivileges: every statement, every database it names (each FROM source,
 * subqueries and INTO targets included; the request's {@code db} where a source names none), must
 * be allowed, or the whole request is refused before any statement runs, with 1.8's 403 text
 * ({@code error authorizing query: <user> not authorized to execute statement '<statement>',
 * requires READ on <db>}).
 */
public final class QueryAuthorizer {
    private QueryAuthorizer() {}

    /** @throws AuthException 403 for the first requirement of the first statement {@code user} does not meet */
    public static void authorize(User user, List<Statement> statements, String paramDb) {
        if (user.admin()) {
            return;
        }
        for (Statement st : statements) {
            String denied = denial(user, st, paramDb);
            if (denied != null) {
                throw AuthException.forbidden("error authorizing query: " + user.name() + " not authorized to execute statement '"
                        + StatementPrinter.print(st) + "', " + denied);
            }
        }
    }

    /** Why {@code user} may not run {@code st} ("requires ..."), or null when it may. */
    static String denial(User user, Statement st, String paramDb) {
        for (Privileges.Required p : Privileges.of(st)) {
            if (p.admin()) {
                return "requires admin privilege";
            }
            String db = p.name().isEmpty() ? paramDb : p.name();
            if (!allowed(user, p.privilege(), db)) {
                return "requires " + p.privilege() + " on " + db;
            }
        }
        return null;
    }

    /** meta.UserInfo.AuthorizeDatabase: READ, WRITE, or ALL PRIVILEGES (both). */
    private static boolean allowed(User user, Statement.Privilege privilege, String db) {
        return switch (privilege) {
            case NO_PRIVILEGES -> true;
            case READ -> user.mayRead(db);
            case WRITE -> user.mayWrite(db);
            case ALL_PRIVILEGES -> user.mayRead(db) && user.mayWrite(db);
        };
    }
}
