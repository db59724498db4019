package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.catalog.Catalog.Incarnation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * DROP DATABASE and CREATE DATABASE again while clients write: what names a dropped incarnation
 * ({@code db_inc}) is never written into the database created since, whatever the timing.
 */
class WriterIncarnationTest {
    private static WriterFixture fixture() throws Exception {
        return new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20)));
    }

    @Test
    void data_of_an_incarnation_a_drop_ended_earlier_in_its_partition_is_not_written_and_its_offset_is_committed() throws Exception {
        try (WriterFixture f = fixture().start(1, new TestSchema())) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.dataOf(0, 0, "db", "x", "a v=1 1\n"); // before the DROP: written (the DROP removes it)
                f.ddlOf(0, 1, "db", "x", "DROP DATABASE \"db\"", "drop", 1, 0);
                f.dataOf(0, 2, "db", "x", "a v=2 2\n"); // accepted for x, landed after its DROP
                f.ddlOf(0, 3, "db", "y", "CREATE DATABASE \"db\"", "create", 1, 0);
                f.dataOf(0, 4, "db", "y", "a v=3 3\n");
            });

            f.awaitCommitted(0, 5);

            assertThat(f.requestLog()).containsExactly("write a v=1 1", "query DROP DATABASE \"db\"", "query CREATE DATABASE \"db\"",
                    "write a v=3 3");
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    @Test
    void a_create_of_a_newer_incarnation_ends_the_ones_met_before_it_but_a_late_copy_of_an_older_create_ends_nothing() throws Exception {
        try (WriterFixture f = fixture().start(1, new TestSchema())) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlOf(0, 0, "db", "x", "CREATE DATABASE \"db\"", "cx", 2, 0);
                f.ddlOf(0, 1, "db", "y", "CREATE DATABASE \"db\"", "cy", 2, 0); // x was dropped in between (copies lost here)
                f.ddlOf(0, 2, "db", "x", "CREATE DATABASE \"db\"", "cx", 2, 1); // x's copy from ingest 1: late, x is over
                f.dataOf(0, 3, "db", "x", "a v=1 1\n");
                f.dataOf(0, 4, "db", "y", "a v=2 2\n");
            });

            f.awaitCommitted(0, 5);

            assertThat(f.requestLog()).as("y stays live: x's late copy is passed over").containsExactly(
                    "query CREATE DATABASE \"db\"", "query CREATE DATABASE \"db\"", "write a v=2 2");
        }
    }

    @Test
    void database_not_found_for_data_of_a_dropped_incarnation_discards_it_and_never_creates_the_database() throws Exception {
        TestSchema catalog = new TestSchema().incarnation("db", "x", Incarnation.DROPPED).incarnation("db", "y", Incarnation.LIVE);
        try (WriterFixture f = fixture().start(1, catalog)) {
            Set<String> created = ConcurrentHashMap.newKeySet();
            f.influx.respond(r -> {
                if (r.path().equals("/query")) {
                    created.add(r.params().get("q"));
                    return FakeInflux.QUERY_OK;
                }
                return created.isEmpty() ? FakeInflux.Response.error(404, "database not found: db") : FakeInflux.NO_CONTENT;
            });
            catalog.incarnations.clear(); // at intake the catalog did not know yet
            f.consumer.schedulePollTask(() -> f.dataOf(0, 0, "db", "x", "a v=1 1\n"));
            Eventually.until(WriterFixture.WAIT, () -> !f.influx.writes().isEmpty(), () -> "the first attempt");
            catalog.incarnation("db", "x", Incarnation.DROPPED).incarnation("db", "y", Incarnation.LIVE);
            f.consumer.schedulePollTask(() -> f.dataOf(0, 1, "db", "y", "a v=2 2\n"));

            f.awaitCommitted(0, 2);

            // x's point is tried until the catalog tells its incarnation dropped (once or more, by timing), never after
            List<String> log = f.requestLog();
            int tries = (int) log.stream().takeWhile(r -> r.equals("write a v=1 1")).count();
            assertThat(tries).isPositive();
            assertThat(log.subList(tries, log.size())).as("x's point dropped at its 404, y's database created from the catalog")
                    .containsExactly("write a v=2 2", "query CREATE DATABASE \"db\"", "write a v=2 2");
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    @Test
    void data_of_a_policy_incarnation_a_newer_create_ended_earlier_in_its_partition_is_not_written_into_the_new_policy() throws Exception {
        String create = "CREATE RETENTION POLICY \"r\" ON \"db\" DURATION 1d REPLICATION 1";
        try (WriterFixture f = fixture().start(1, new TestSchema())) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlOfPolicy(0, 0, "db", "r", "p1", create, "c1", 2, 0);
                f.dataOfPolicy(0, 1, "db", "r", "p1", "a v=1 1\n"); // written: p1 is live here
                // p1 dropped (its copy here came before c1's) and r created again as p2:
                f.ddlOfPolicy(0, 2, "db", "r", "p2", create, "c2", 2, 0);
                f.dataOfPolicy(0, 3, "db", "r", "p1", "a v=2 2\n"); // accepted for p1 before its DROP, landed after p2's CREATE
                f.ddlOfPolicy(0, 4, "db", "r", "p1", create, "c1", 2, 1); // p1's late copy from ingest 1: p1 is over
                f.dataOfPolicy(0, 5, "db", "r", "p2", "a v=3 3\n");
            });

            f.awaitCommitted(0, 6);

            assertThat(f.requestLog()).containsExactly("query " + create, "write a v=1 1", "query " + create, "write a v=3 3");
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    /**
     * A CREATE RETENTION POLICY ... DEFAULT leaves the default's name behind its policy's DROP (as
     * 1.x keeps it): passing its copy over because this writer happened to read the catalog first
     * would leave another default than a replica whose writer read it later. Only what the
     * partition met ends a policy incarnation for a CREATE copy.
     */
    @Test
    void a_create_policy_copy_is_applied_when_only_the_catalog_shows_its_incarnation_dropped() throws Exception {
        String create = "CREATE RETENTION POLICY \"r\" ON \"db\" DURATION 1d REPLICATION 1 DEFAULT";
        TestSchema catalog = new TestSchema().policyIncarnation("db", "r", "p1", Incarnation.DROPPED);
        try (WriterFixture f = fixture().start(1, catalog)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> f.ddlOfPolicy(0, 0, "db", "r", "p1", create, "c1", 1, 0));

            f.awaitCommitted(0, 1);

            assertThat(f.requestLog()).containsExactly("query " + create);
        }
    }

    /**
     * Data is judged by what its partition met: a policy incarnation only the catalog shows ended
     * (an entry rewritten from a stale view can show that wrongly) is written; should the backend
     * lack the policy, "retention policy not found" asks the catalog then.
     */
    @Test
    void data_of_a_policy_incarnation_only_the_catalog_shows_dropped_is_written() throws Exception {
        TestSchema catalog = new TestSchema().policyIncarnation("db", "r", "p1", Incarnation.DROPPED);
        try (WriterFixture f = fixture().start(1, catalog)) {
            f.consumer.schedulePollTask(() -> f.dataOfPolicy(0, 0, "db", "r", "p1", "a v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.requestLog()).containsExactly("write a v=1 1");
        }
    }

    @Test
    void retention_policy_not_found_for_data_of_a_dropped_policy_incarnation_discards_it_and_never_recreates_the_policy() throws Exception {
        TestSchema catalog = new TestSchema().policyIncarnation("db", "r", "p1", Incarnation.DROPPED)
                .recreatingPolicy((db, rp) -> List.of("CREATE RETENTION POLICY \"r\" ON \"db\" DURATION 1d REPLICATION 1"));
        try (WriterFixture f = fixture().start(1, catalog)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK
                    : FakeInflux.Response.error(500, "retention policy not found: r"));
            catalog.incarnations.clear(); // at intake the catalog did not know yet
            f.consumer.schedulePollTask(() -> f.dataOfPolicy(0, 0, "db", "r", "p1", "a v=1 1\n"));
            Eventually.until(WriterFixture.WAIT, () -> !f.influx.writes().isEmpty(), () -> "the first attempt");
            catalog.policyIncarnation("db", "r", "p1", Incarnation.DROPPED);

            f.awaitCommitted(0, 1);

            assertThat(f.influx.queries()).as("the policy is not created again for a dropped incarnation").isEmpty();
            assertThat(f.deadLetters()).isEmpty();
        }
    }

    @Test
    void a_barrier_statement_of_a_dropped_incarnation_is_recorded_skipped_and_never_sent() throws Exception {
        TestSchema catalog = new TestSchema().incarnation("db", "x", Incarnation.DROPPED);
        String alter = "ALTER RETENTION POLICY \"r\" ON \"db\" DEFAULT";
        try (WriterFixture f = fixture().start(1, catalog)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlOf(0, 0, "db", "x", alter, "a1", 1, 0);
                f.dataOf(0, 1, "db", "y", "a v=1 1\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.influx.queries()).isEmpty();
            assertThat(catalog.results.get("a1")).startsWith("skipped: incarnation x of database db was dropped");
        }
    }
}
