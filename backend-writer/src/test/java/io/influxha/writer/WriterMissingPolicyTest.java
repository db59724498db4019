package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Every way a write or a statement meeting "retention policy not found" ends (docs/ddl-through-the-log.md). */
class WriterMissingPolicyTest {
    private static final String CREATE_WEEKLY = "CREATE RETENTION POLICY \"weekly\" ON \"db\" DURATION 7d REPLICATION 1";

    private static WriterFixture fixture() throws Exception {
        return new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20)));
    }

    /** A catalog whose answer for policies is {@code policies}; everything else as {@link Schema#inMemory()}. */
    private static Schema catalog(BiFunction<String, String, List<String>> policies) {
        return new TestSchema().recreatingPolicy(policies);
    }

    private static String reason(WriterFixture f, int i) {
        return RecordHeaders.get(f.deadLetters().get(i).headers(), RecordHeaders.DLQ_REASON);
    }

    @Test
    void a_write_to_a_policy_the_catalog_says_is_gone_is_dead_lettered_with_its_reason_and_the_partition_goes_on() throws Exception {
        try (WriterFixture f = fixture().start(1, catalog((db, rp) -> List.of()))) {
            f.influx.respond(r -> r.path().equals("/write") && "weekly".equals(r.params().get("rp"))
                    ? FakeInflux.Response.error(500, "retention policy not found: weekly") : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "weekly", "cpu v=1 1\ncpu v=2 2\n");
                f.data(0, 1, "db", "", "cpu v=3 3\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(new String(f.deadLetters().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("cpu v=1 1\ncpu v=2 2\n");
            assertThat(reason(f, 0)).contains("retention policy not found: weekly")
                    .contains("the catalog has no retention policy \"weekly\" on \"db\"");
            assertThat(f.writtenLines()).contains("cpu v=3 3");
        }
    }

    @Test
    void a_policy_the_catalog_has_and_the_backend_lacks_is_created_from_the_catalog_before_the_write_is_sent_again() throws Exception {
        Set<String> created = ConcurrentHashMap.newKeySet();
        try (WriterFixture f = fixture().start(1, catalog((db, rp) -> List.of(CREATE_WEEKLY)))) {
            f.influx.respond(r -> {
                if (r.path().equals("/query")) {
                    created.add(r.params().get("q"));
                    return FakeInflux.QUERY_OK;
                }
                return created.contains(CREATE_WEEKLY) ? FakeInflux.NO_CONTENT : FakeInflux.Response.error(500, "retention policy not found: weekly");
            });
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "weekly", "cpu v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.requestLog()).containsExactly("write cpu v=1 1", "query " + CREATE_WEEKLY, "write cpu v=1 1");
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    @Test
    void a_write_whose_policy_is_still_missing_after_the_catalog_statements_ran_is_dead_lettered_not_retried_for_ever() throws Exception {
        try (WriterFixture f = fixture().start(1, catalog((db, rp) -> List.of(CREATE_WEEKLY)))) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.Response.error(500, "retention policy not found: weekly"));
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "weekly", "cpu v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(reason(f, 0)).contains("retention policy not found: weekly").contains("still missing after");
            assertThat(f.influx.queries()).hasSize(1);
        }
    }

    @Test
    void an_alter_of_a_policy_the_backend_does_not_have_is_dead_lettered_once_and_every_partition_moves_on() throws Exception {
        String alter = "ALTER RETENTION POLICY \"gone\" ON \"db\" DURATION 2d";
        try (WriterFixture f = fixture().start(2)) {
            f.influx.respond(r -> r.path().equals("/query")
                    ? FakeInflux.Response.of(200, "{\"results\":[{\"statement_id\":0,\"error\":\"retention policy not found: gone\"}]}")
                    : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", alter, "a1", 1);
                f.data(0, 1, "db", "", "a v=1 1\n");
                f.ddlCopy(1, 0, "db", alter, "a1", 1);
                f.data(1, 1, "db", "", "b v=1 1\n");
            });

            f.awaitCommitted(0, 2);
            f.awaitCommitted(1, 2);

            assertThat(f.influx.queries()).hasSize(1);
            assertThat(f.deadLetters()).hasSize(1);
            assertThat(new String(f.deadLetters().get(0).value(), StandardCharsets.UTF_8)).isEqualTo(alter);
            assertThat(reason(f, 0)).contains("retention policy not found: gone");
            assertThat(f.writtenLines()).containsExactlyInAnyOrder("a v=1 1", "b v=1 1");
        }
    }

    @Test
    void a_statement_met_in_one_partition_that_names_a_missing_policy_is_dead_lettered_not_retried() throws Exception {
        String cq = "CREATE CONTINUOUS QUERY \"cq\" ON \"db\" BEGIN SELECT mean(v) INTO \"gone\".\"m\" FROM \"cpu\" GROUP BY time(1h) END";
        try (WriterFixture f = fixture().start(1)) {
            f.influx.respond(r -> r.path().equals("/query")
                    ? FakeInflux.Response.of(200, "{\"results\":[{\"statement_id\":0,\"error\":\"retention policy not found: gone\"}]}")
                    : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddl(0, 0, "db", cq);
                f.data(0, 1, "db", "", "a v=1 1\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(reason(f, 0)).contains("retention policy not found: gone");
            assertThat(f.writtenLines()).containsExactly("a v=1 1");
        }
    }

}
