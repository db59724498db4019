package io.influxha.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxha.gateway.auth.User;
import io.influxha.gateway.influxql.Statement.ShowDatabasesStatement;
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
    static ObjectNode apply(User user, Statement st, ObjectNode result) {
        if (user.admin() || !(st.ast() instanceof ShowDatabasesStatement)) {
            return result;
        }
        for (JsonNode series : result.path("series")) {
            ArrayNode kept = series.path("values").isArray() ? ((ArrayNode) series.get("values")).arrayNode() : null;
            if (kept == null) {
                continue;
            }
            for (JsonNode row : series.get("values")) {
                String db = row.path(0).asText();
                if (user.mayRead(db) || user.mayWrite(db)) {
                    kept.add(row);
                }
            }
            if (kept.isEmpty()) {
                ((ObjectNode) series).remove("values"); // as 1.x's models.Row omits empty values
            } else {
                ((ObjectNode) series).set("values", kept);
            }
        }
        return result;
    }
}
