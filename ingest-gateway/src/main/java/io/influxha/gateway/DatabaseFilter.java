package io.influxha.gateway;

import io.influxha.gateway.auth.User;
import io.influxha.gateway.influxql.Statement.ShowDatabasesStatement;
import io.influxha.gateway.query.MergedResult;
import io.influxha.gateway.query.Statement;
import java.util.List;

/**
 * {@code SHOW DATABASES} for a user who is not an admin lists only the databases that user may read
 * or write, as InfluxDB 1.x's statement executor filters it. Backends answer with their configured
 * credentials, so the gateway filters; such a query is never streamed untouched.
 */
final class DatabaseFilter {
    private DatabaseFilter() {}

    /** True when an answer of this query must be filtered for {@code user}. */
    static boolean needed(User user, List<Statement> statements) {
        return !user.admin() && statements.stream().anyMatch(s -> s.ast() instanceof ShowDatabasesStatement);
    }

    /** {@code result} with the rows of databases {@code user} may neither read nor write taken out. */
    static MergedResult apply(User user, Statement st, MergedResult result) {
        if (user.admin() || !(st.ast() instanceof ShowDatabasesStatement)) {
            return result;
        }
        return result.keepRows(db -> user.mayRead(db) || user.mayWrite(db)); // a series left empty loses "values", as 1.x's models.Row
    }
}
