package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

class WriterBarrierTest {
    private static final String DROP = "DROP MEASUREMENT \"a\"";

    private static WriterFixture fixture() throws Exception {
        return new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20)));
    }

    /**
     * DDL part 2, item 4: a DELETE whose first attempt was given up on (here a proxy's 504) may
     * still run in the backend. It is sent again only once SHOW QUERIES no longer lists a DELETE on
     * its database and late_write_bound has passed; only then is the barrier released and the data
     * after it written, so the first attempt cannot delete what partitions write after the barrier.
     */
    @Test
    void a_delete_given_up_on_is_not_sent_again_nor_released_while_the_backend_still_runs_it() throws Exception {
        String delete = "DELETE FROM cpu";
        java.util.concurrent.atomic.AtomicInteger deletes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger listed = new java.util.concurrent.atomic.AtomicInteger(3);
        String running = "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"qid\",\"query\",\"database\",\"duration\"],"
                + "\"values\":[[7,\"DELETE FROM cpu\",\"db\",\"3s\"],[8,\"SHOW QUERIES\",\"\",\"55us\"]]}]}]}";
        String idle = "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"qid\",\"query\",\"database\",\"duration\"],"
                + "\"values\":[[9,\"SHOW QUERIES\",\"\",\"40us\"]]}]}]}";
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20), Duration.ofMillis(300)))
                .start(1, new TestSchema())) {
            f.influx.respond(r -> {
                String q = r.params().getOrDefault("q", "");
                if (q.equals("SHOW QUERIES")) {
                    return FakeInflux.Response.of(200, deletes.get() == 1 && listed.getAndDecrement() > 0 ? running : idle);
                }
                if (q.equals(delete)) {
                    return deletes.incrementAndGet() == 1 ? FakeInflux.Response.error(504, "gateway timeout") : FakeInflux.QUERY_OK;
                }
                return r.path().equals("/write") ? FakeInflux.NO_CONTENT : FakeInflux.QUERY_OK;
            });
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", delete, "del", 1);
                f.data(0, 1, "db", "", "cpu v=1 1\n"); // after the barrier
            });

            f.awaitCommitted(0, 2);

            List<String> log = f.requestLog();
            int first = log.indexOf("query " + delete);
            int second = log.lastIndexOf("query " + delete);
            assertThat(second).as("sent again after the 504").isGreaterThan(first);
            List<String> between = log.subList(first + 1, second);
            assertThat(between).as("asked until the backend no longer runs it").containsOnly("query SHOW QUERIES").hasSizeGreaterThanOrEqualTo(4);
            assertThat(log.subList(second + 1, log.size())).containsExactly("write cpu v=1 1");
        }
    }

    /** SHOW QUERIES refused for good (a user without the privilege): the bound is all there is, and the wait ends with it. */
    @Test
    void a_delete_given_up_on_is_sent_again_after_the_bound_when_show_queries_is_refused() throws Exception {
        String delete = "DELETE FROM cpu";
        java.util.concurrent.atomic.AtomicInteger deletes = new java.util.concurrent.atomic.AtomicInteger();
        try (WriterFixture f = new WriterFixture(WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20), Duration.ofMillis(300)))
                .start(1, new TestSchema())) {
            f.influx.respond(r -> {
                String q = r.params().getOrDefault("q", "");
                if (q.equals("SHOW QUERIES")) {
                    return FakeInflux.Response.error(403, "error authorizing query: reader not authorized to execute statement 'SHOW QUERIES', requires READ on ");
                }
                if (q.equals(delete)) {
                    return deletes.incrementAndGet() == 1 ? FakeInflux.Response.error(504, "gateway timeout") : FakeInflux.QUERY_OK;
                }
                return r.path().equals("/write") ? FakeInflux.NO_CONTENT : FakeInflux.QUERY_OK;
            });
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", delete, "del", 1);
                f.data(0, 1, "db", "", "cpu v=1 1\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(deletes.get()).isEqualTo(2);
            assertThat(f.requestLog()).endsWith("query " + delete, "write cpu v=1 1");
        }
    }

    @Test
    void a_drop_is_applied_once_after_every_partition_wrote_all_data_before_its_last_copy_and_before_any_data_after_it() throws Exception {
        try (WriterFixture f = fixture().start(2)) {
            CountDownLatch release = new CountDownLatch(1);
            f.influx.respond(r -> {
                if (r.path().equals("/query")) {
                    await(release);
                    return FakeInflux.QUERY_OK;
                }
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "a v=1 1\n");
                f.ddlCopy(0, 1, "db", DROP, "d1", 2);
                f.data(0, 2, "db", "", "a v=2 2\n"); // between the copies: acknowledged before the DROP
                f.ddlCopy(0, 3, "db", DROP, "d1", 2);
                f.data(0, 4, "db", "", "a v=3 3\n");
                f.data(1, 0, "db", "", "b v=1 1\n");
                f.ddlCopy(1, 1, "db", DROP, "d1", 2);
                f.ddlCopy(1, 2, "db", DROP, "d1", 2);
                f.data(1, 3, "db", "", "b v=2 2\n");
            });

            Eventually.until(WriterFixture.WAIT, () -> f.influx.queries().size() == 1, () -> "the DROP sent; requests " + f.requestLog());
            assertThat(f.committed(0)).as("partition 0 holds at its first copy until the statement is passed").isEqualTo(1);
            assertThat(f.committed(1)).as("partition 1 holds at its first copy").isEqualTo(1);
            assertThat(f.writtenLines()).containsExactlyInAnyOrder("a v=1 1", "a v=2 2", "b v=1 1");
            release.countDown();
            f.awaitCommitted(0, 5);
            f.awaitCommitted(1, 4);

            List<String> log = f.requestLog();
            int drop = log.indexOf("query " + DROP);
            assertThat(log.subList(drop + 1, log.size())).containsExactlyInAnyOrder("write a v=3 3", "write b v=2 2");
            assertThat(f.influx.queries()).as("applied once for the backend").hasSize(1);
        }
    }

    @Test
    void an_applier_that_cannot_learn_which_partitions_the_topic_has_applies_nothing_rather_than_judge_by_its_own_assignment() throws Exception {
        try (WriterFixture f = fixture().start(1, 0, Schema.inMemory())) {
            // This writer owns partition 0 of two; the other writer of the backend has not reached the cut.
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", DROP, "d1", 1);
                f.data(0, 1, "db", "", "a v=1 1\n");
            });
            f.awaitCommitted(0, 0);
            Eventually.until(WriterFixture.WAIT, () -> f.writer().barrierChecksWithoutMetadata() >= 3 || !f.influx.queries().isEmpty(),
                    () -> "three checks without metadata");
            assertThat(f.influx.queries()).as("not applied while the topic's partitions are unknown").isEmpty();

            f.consumer.schedulePollTask(() -> f.consumer.updatePartitions(WriterFixture.TOPIC, WriterFixture.partitionInfos(2)));
            long checked = f.writer().barrierChecks();
            Eventually.until(WriterFixture.WAIT, () -> f.writer().barrierChecks() >= checked + 3, () -> "three checks with metadata");
            assertThat(f.influx.queries()).as("partition 1 has not announced the statement").isEmpty();

            // the other writer announces it
            f.consumer.schedulePollTask(() -> f.consumer.commitSync(
                    Map.of(WriterFixture.tp(1), new OffsetAndMetadata(0, Announcement.metadata(List.of("d1"), 0)))));
            f.awaitCommitted(0, 2);
            assertThat(f.requestLog()).containsExactly("query " + DROP, "write a v=1 1");
        }
    }

    @Test
    void a_partition_resuming_at_a_barrier_its_backend_already_applied_goes_on_after_the_last_copy_without_writing_back_what_lies_between()
            throws Exception {
        Schema schema = Schema.inMemory();
        schema.markApplied("d1", "ok");
        try (WriterFixture f = fixture()) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            // The earlier owner wrote offsets 0-2, applied the DELETE, recorded it, and died before committing past it.
            f.consumer.schedulePollTask(() -> f.consumer.commitSync(
                    Map.of(WriterFixture.tp(0), new OffsetAndMetadata(0, Announcement.metadata(List.of("d1"), 2)))));
            f.start(1, schema);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", DROP, "d1", 2);
                f.data(0, 1, "db", "", "a v=2 2\n");
                f.ddlCopy(0, 2, "db", DROP, "d1", 2);
                f.data(0, 3, "db", "", "a v=3 3\n");
            });

            f.awaitCommitted(0, 4);

            assertThat(f.requestLog()).containsExactly("write a v=3 3");
        }
    }

    @Test
    void a_partition_resuming_at_two_statements_of_which_one_was_applied_writes_nothing_between_them_again() throws Exception {
        String other = "DELETE FROM \"b\"";
        Schema schema = Schema.inMemory();
        schema.markApplied("x", "ok");
        try (WriterFixture f = fixture()) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> f.consumer.commitSync(
                    Map.of(WriterFixture.tp(0), new OffsetAndMetadata(0, Announcement.metadata(List.of("x", "y"), 4)))));
            f.start(1, schema);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", DROP, "x", 2);
                f.data(0, 1, "db", "", "a v=1 1\n");
                f.ddlCopy(0, 2, "db", other, "y", 2);
                f.ddlCopy(0, 3, "db", DROP, "x", 2);
                f.ddlCopy(0, 4, "db", other, "y", 2);
                f.data(0, 5, "db", "", "a v=3 3\n");
            });

            f.awaitCommitted(0, 6);

            assertThat(f.requestLog()).containsExactly("query " + other, "write a v=3 3");
        }
    }

    @Test
    void an_applier_whose_catalog_is_not_read_to_an_end_seen_since_its_assignment_does_not_apply_what_may_be_applied_already()
            throws Exception {
        java.util.concurrent.atomic.AtomicBoolean caughtUp = new java.util.concurrent.atomic.AtomicBoolean();
        TestSchema behind = new TestSchema().readToEnd(caughtUp::get);
        try (WriterFixture f = fixture().start(1, behind)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", DROP, "d1", 1);
                f.data(0, 1, "db", "", "a v=1 1\n");
            });
            f.awaitCommitted(0, 0);
            Eventually.until(WriterFixture.WAIT, () -> f.writer().barrierChecks() >= 3 || !f.influx.queries().isEmpty(),
                    () -> "three checks");
            assertThat(f.influx.queries()).as("not applied while the catalog may hold its record unread").isEmpty();

            behind.markApplied("d1", "ok"); // the record the catalog held: another member applied it
            caughtUp.set(true);
            f.awaitCommitted(0, 2);

            assertThat(f.requestLog()).containsExactly("write a v=1 1");
        }
    }

    @Test
    void a_statement_whose_copy_never_came_is_voided_in_every_partition_recorded_as_such_and_the_next_statement_is_applied()
            throws Exception {
        TestSchema recording = new TestSchema().recreating(db -> List.of());
        String orphan = "DELETE FROM \"a\"";
        try (WriterFixture f = fixture().start(2, recording)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                for (int p = 0; p < 2; p++) {
                    f.ddlCopyFrom(p, 0, "db", orphan, "d1", 2, 0, null); // its copy from ingest partition 1 is lost
                    f.data(p, 1, "db", "", "a v=" + p + " 1\n");
                    f.ddlCopyFrom(p, 2, "db", DROP, "d2", 2, 1 - p, "d1");
                    f.ddlCopyFrom(p, 3, "db", DROP, "d2", 2, p, "d1");
                    f.data(p, 4, "db", "", "b v=" + p + " 2\n");
                }
            });

            f.awaitCommitted(0, 5);
            f.awaitCommitted(1, 5);

            assertThat(f.requestLog()).filteredOn(r -> r.startsWith("query")).containsExactly("query " + DROP);
            assertThat(recording.results.get("d1")).startsWith("voided: ").contains("ingest partition 1");
            assertThat(recording.results.get("d2")).isEqualTo("ok");
        }
    }

    @Test
    void an_applier_losing_its_partition_while_a_statement_is_in_flight_hands_it_over_only_once_it_is_recorded() throws Exception {
        java.util.concurrent.atomic.AtomicLong recordedAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong revokedAt = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean revoking = new java.util.concurrent.atomic.AtomicBoolean();
        Schema recording = new TestSchema().afterMarkApplied(() -> recordedAt.set(System.nanoTime()));
        CountDownLatch release = new CountDownLatch(1);
        try (WriterFixture f = fixture().start(1, recording)) {
            f.influx.respond(r -> {
                if (r.path().equals("/query")) {
                    await(release);
                    return FakeInflux.QUERY_OK;
                }
                return FakeInflux.NO_CONTENT;
            });
            f.consumer.schedulePollTask(() -> f.ddlCopy(0, 0, "db", DROP, "d1", 1));
            Eventually.until(WriterFixture.WAIT, () -> f.influx.queries().size() == 1, () -> "the DROP in flight");

            f.consumer.schedulePollTask(() -> {
                revoking.set(true);
                f.consumer.rebalance(List.of()); // partition 0 goes to another member
                revokedAt.set(System.nanoTime());
            });
            Eventually.until(WriterFixture.WAIT, () -> f.writer().barrierSettling() || revokedAt.get() != 0, () -> "the revocation");
            release.countDown();
            Eventually.until(WriterFixture.WAIT, () -> recordedAt.get() != 0 && revokedAt.get() != 0, () -> "recorded and revoked");

            assertThat(recordedAt.get()).as("recorded before the partition was handed over").isLessThan(revokedAt.get());
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_partition_that_restarts_at_an_announced_barrier_recognises_its_last_copy_from_the_commit_metadata() throws Exception {
        try (WriterFixture f = fixture()) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            // The earlier run's commit, read when the partition is assigned. MockConsumer forgets
            // commits at subscribe(), so it is made in the first poll, before the assignment.
            f.consumer.schedulePollTask(() -> f.consumer.commitSync(
                    Map.of(WriterFixture.tp(0), new OffsetAndMetadata(3, Announcement.metadata(List.of("d1"), 3)))));
            f.start(1);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 3, "db", DROP, "d1", 2); // the second copy of two; the first was before the commit
                f.data(0, 4, "db", "", "a v=3 3\n");
            });

            f.awaitCommitted(0, 5);

            assertThat(f.requestLog()).containsExactly("query " + DROP, "write a v=3 3");
        }
    }

    @Test
    void two_statements_met_in_opposite_orders_by_two_partitions_are_both_applied_once_and_neither_waits_forever() throws Exception {
        try (WriterFixture f = fixture().start(2)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            String other = "DELETE FROM \"b\"";
            f.consumer.schedulePollTask(() -> {
                // two ingest partitions: copy 1 of each statement came first from one, copy 2 from the other
                f.ddlCopy(0, 0, "db", DROP, "x", 2);
                f.ddlCopy(0, 1, "db", other, "y", 2);
                f.ddlCopy(0, 2, "db", other, "y", 2);
                f.ddlCopy(0, 3, "db", DROP, "x", 2);
                f.data(0, 4, "db", "", "a v=1 1\n");
                f.ddlCopy(1, 0, "db", other, "y", 2);
                f.ddlCopy(1, 1, "db", DROP, "x", 2);
                f.ddlCopy(1, 2, "db", DROP, "x", 2);
                f.ddlCopy(1, 3, "db", other, "y", 2);
                f.data(1, 4, "db", "", "b v=1 1\n");
            });

            f.awaitCommitted(0, 5);
            f.awaitCommitted(1, 5);

            List<String> log = f.requestLog();
            assertThat(log.subList(0, 2)).as("both statements first, once each").containsExactlyInAnyOrder("query " + DROP, "query " + other);
            assertThat(log.subList(2, log.size())).containsExactlyInAnyOrder("write a v=1 1", "write b v=1 1");
        }
    }

    @Test
    void commits_stop_at_the_first_copy_until_the_last_one_arrives_so_a_restart_counts_every_copy_again() throws Exception {
        try (WriterFixture f = fixture().start(1)) {
            f.influx.respond(r -> r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "db", "", "a v=1 1\n");
                f.ddlCopy(0, 1, "db", DROP, "d1", 3);
                f.data(0, 2, "db", "", "a v=2 2\n");
            });
            Eventually.until(WriterFixture.WAIT, () -> f.writtenLines().size() == 2, () -> "both points written");
            f.awaitCommitted(0, 1);

            assertThat(f.committed(0)).as("never past the first copy of an open barrier").isEqualTo(1);
            assertThat(f.influx.queries()).isEmpty();
        }
    }

    @Test
    void a_barrier_statement_the_backend_refuses_for_good_is_dead_lettered_and_every_partition_moves_on() throws Exception {
        try (WriterFixture f = fixture().start(1)) {
            f.influx.respond(r -> r.path().equals("/query")
                    ? FakeInflux.Response.of(200, "{\"results\":[{\"statement_id\":0,\"error\":\"error parsing query: bad\"}]}")
                    : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.ddlCopy(0, 0, "db", DROP, "d1", 1);
                f.data(0, 1, "db", "", "a v=1 1\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.deadLetters()).hasSize(1);
            assertThat(new String(f.deadLetters().get(0).value(), StandardCharsets.UTF_8)).isEqualTo(DROP);
            assertThat(RecordHeaders.get(f.deadLetters().get(0).headers(), RecordHeaders.DLQ_REASON)).contains("error parsing query");
            assertThat(f.writtenLines()).containsExactly("a v=1 1");
        }
    }

    @Test
    void data_for_a_database_the_catalog_does_not_have_is_dead_lettered_instead_of_recreating_it() throws Exception {
        Schema dropped = new TestSchema().recreating(db -> List.of()).forgetting();
        try (WriterFixture f = fixture().start(1, dropped)) {
            f.influx.respond(r -> r.path().equals("/write") && r.params().get("db").equals("gone")
                    ? FakeInflux.Response.error(404, "database not found: gone") : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> {
                f.data(0, 0, "gone", "", "a v=1 1\na v=2 2\n");
                f.data(0, 1, "db", "", "a v=3 3\n");
            });

            f.awaitCommitted(0, 2);

            assertThat(f.influx.queries()).as("no CREATE DATABASE").isEmpty();
            assertThat(f.deadLetters()).hasSize(1);
            assertThat(RecordHeaders.get(f.deadLetters().get(0).headers(), RecordHeaders.DLQ_REASON))
                    .contains("database not found").contains("the catalog has no database \"gone\"");
            assertThat(f.writtenLines()).contains("a v=3 3");
        }
    }

    @Test
    void a_database_the_catalog_has_is_recreated_with_its_retention_policies_before_the_write_is_sent_again() throws Exception {
        String rp = "CREATE RETENTION POLICY \"w\" ON \"db\" DURATION 7d REPLICATION 1";
        Schema catalog = new TestSchema().recreating(db -> List.of("CREATE DATABASE \"db\"", rp)).forgetting();
        try (WriterFixture f = fixture().start(1, catalog)) {
            java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
            f.influx.respond(r -> r.path().equals("/write") && writes.incrementAndGet() == 1
                    ? FakeInflux.Response.error(404, "database not found: db") : r.path().equals("/query") ? FakeInflux.QUERY_OK : FakeInflux.NO_CONTENT);
            f.consumer.schedulePollTask(() -> f.data(0, 0, "db", "w", "a v=1 1\n"));

            f.awaitCommitted(0, 1);

            assertThat(f.requestLog()).containsExactly("write a v=1 1", "query CREATE DATABASE \"db\"", "query " + rp, "write a v=1 1");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
