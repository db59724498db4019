package io.influxha.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxha.core.catalog.ShowRetentionPolicies;
import io.influxha.core.catalog.ShowRetentionPolicies.Policy;
import io.influxha.gateway.query.QueryRouter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the configured backends hold, for adopting databases created on them before influx-ha. */
interface BackendSchema {
    /** The databases any backend lists ({@code SHOW DATABASES}; a backend that does not answer is skipped). */
    Set<String> databases();

    /**
     * The retention policies of {@code db} on the first backend that has it ({@code SHOW RETENTION
     * POLICIES ON db}); empty when none answers with that database.
     */
    Optional<List<Policy>> retentionPolicies(String db);

    static BackendSchema of(QueryRouter router) {
        return new BackendSchema() {
            @Override
            public Set<String> databases() {
                return router.databasesOnBackends();
            }

            @Override
            public Optional<List<Policy>> retentionPolicies(String db) {
                Optional<JsonNode> answer = router.retentionPoliciesOnBackends(db);
                return answer.flatMap(ShowRetentionPolicies::policies);
            }
        };
    }

    static BackendSchema none() {
        return new BackendSchema() {
            @Override
            public Set<String> databases() {
                return Set.of();
            }

            @Override
            public Optional<List<Policy>> retentionPolicies(String db) {
                return Optional.empty();
            }
        };
    }
}
