package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class PartitionStateBarrierTest {
    private static final TopicPartition TP = new TopicPartition("t.shard.main", 0);

    private final PartitionState state = new PartitionState(TP,
            BatchRules.of("a", WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20))), new AtomicLong(), Schema.inMemory());

    private static ConsumerRecord<byte[], byte[]> copy(long offset, String id, int copies) {
        return copy(offset, id, copies, "DELETE FROM m");
    }

    private static ConsumerRecord<byte[], byte[]> copy(long offset, String id, int copies, String statement) {
        return copy(offset, id, copies, statement, null);
    }

    /** @param ingestPartition the copy's {@code ddl_copy}, null for a record of an earlier gateway, which has none */
    private static ConsumerRecord<byte[], byte[]> copy(long offset, String id, int copies, String statement, Integer ingestPartition) {
        return copy(offset, id, copies, statement, ingestPartition, null);
    }

    /** @param prev the statement its gateway committed before it ({@code ddl_prev}), or null */
    private static ConsumerRecord<byte[], byte[]> copy(long offset, String id, int copies, String statement, Integer ingestPartition,
            String prev) {
        org.apache.kafka.common.header.internals.RecordHeaders h = new org.apache.kafka.common.header.internals.RecordHeaders();
        if (ingestPartition != null) {
            RecordHeaders.put(h, RecordHeaders.DDL_COPY, ingestPartition.toString());
        }
        if (prev != null) {
            RecordHeaders.put(h, RecordHeaders.DDL_PREV, prev);
        }
        RecordHeaders.put(h, RecordHeaders.DB, "db");
        RecordHeaders.put(h, RecordHeaders.KIND, RecordHeaders.KIND_DDL);
        RecordHeaders.put(h, RecordHeaders.DDL_ID, id);
        RecordHeaders.put(h, RecordHeaders.DDL_COPIES, Integer.toString(copies));
        byte[] v = statement.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(TP.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, 0, v.length, null, v, h, Optional.empty());
    }

    @Test
    void commits_stay_at_the_first_copy_until_the_barrier_is_passed_so_a_restart_counts_every_copy_again() {
        state.intake(copy(4, "d1", 2), 0);
        state.intake(copy(9, "d1", 2), 0);

        assertThat(state.capCommit(9)).as("a crash now must re-read the copy at 4").isEqualTo(4);
        Step.Barrier b = state.headBarrier();
        assertThat(b).isNotNull();
        assertThat(b.ids()).containsExactly("d1");
        assertThat(state.announceBarrier(b)).as("the announcement keeps the hold").isEqualTo(4);
        assertThat(state.passBarrier()).isEqualTo(10);
        assertThat(state.capCommit(20)).isEqualTo(20);
    }

    @Test
    void an_announcement_never_commits_past_another_statement_whose_copies_are_still_open() {
        state.intake(copy(2, "other", 3), 0);
        state.intake(copy(4, "d1", 1), 0);

        assertThat(state.headBarrier()).as("d1 waits for other's copies: they interleave").isNull();
        state.intake(copy(5, "other", 3), 0);
        state.intake(copy(6, "other", 3), 0);

        Step.Barrier b = state.headBarrier();
        assertThat(b.ids()).containsExactly("other", "d1");
        assertThat(b.offset()).isEqualTo(6);
        assertThat(state.announceBarrier(b)).isEqualTo(2);
        assertThat(state.passBarrier()).isEqualTo(7);
    }

    @Test
    void statements_whose_copies_interleave_share_one_stop_at_the_later_last_copy() {
        state.intake(copy(1, "x", 2, "DROP MEASUREMENT a"), 0);
        state.intake(copy(2, "y", 2, "DELETE FROM b"), 0);
        state.intake(copy(3, "y", 2, "DELETE FROM b"), 0);
        assertThat(state.headBarrier()).as("y is complete but x is not").isNull();
        state.intake(copy(4, "x", 2, "DROP MEASUREMENT a"), 0);

        Step.Barrier b = state.headBarrier();
        assertThat(b.statements()).extracting(Step.Barrier.Statement::text).containsExactly("DROP MEASUREMENT a", "DELETE FROM b");
        assertThat(b.offset()).isEqualTo(4);
    }

    @Test
    void a_copy_routed_twice_counts_once_so_the_barrier_waits_for_the_copy_still_missing() {
        state.intake(copy(1, "d1", 2, "DELETE FROM m", 0), 0);
        state.intake(copy(2, "d1", 2, "DELETE FROM m", 0), 0); // the same copy again: a re-routed transaction

        assertThat(state.headBarrier()).as("copy 1 of 2 has not arrived").isNull();
        state.intake(copy(3, "d1", 2, "DELETE FROM m", 1), 0);

        assertThat(state.headBarrier()).isNotNull().extracting(Step.Barrier::offset).isEqualTo(3L);
    }

    @Test
    void copies_of_an_earlier_gateway_without_a_copy_header_are_counted() {
        state.intake(copy(1, "d1", 2), 0);
        state.intake(copy(2, "d1", 2), 0);

        assertThat(state.headBarrier()).isNotNull().extracting(Step.Barrier::offset).isEqualTo(2L);
    }

    @Test
    void after_a_restart_the_announced_offset_is_the_last_copy_whatever_was_counted_before_it() {
        state.resumeBarrier(java.util.List.of("d1"), 7);
        state.intake(copy(7, "d1", 3), 0);

        assertThat(state.headBarrier()).isNotNull().extracting(Step.Barrier::offset).isEqualTo(7L);
    }

    @Test
    void a_statement_whose_copy_from_an_ingest_partition_never_came_is_void_once_its_gateways_next_statement_came_from_there() {
        state.intake(copy(1, "d1", 2, "DELETE FROM m", 0), 0); // d1's copy from ingest partition 1 is lost
        state.intake(copy(2, "d2", 2, "DROP MEASUREMENT n", 0, "d1"), 0);
        assertThat(state.headBarrier()).as("d2 is not complete yet: nothing is decided").isNull();
        assertThat(state.drainVoids()).isEmpty();

        state.intake(copy(3, "d2", 2, "DROP MEASUREMENT n", 1, "d1"), 0); // d1's copy from 1 would have come before this

        assertThat(state.drainVoids()).singleElement().satisfies(v -> {
            assertThat(v.statement().id()).isEqualTo("d1");
            assertThat(v.reason()).contains("ingest partition 1").contains("d2");
        });
        Step.Barrier b = state.headBarrier();
        assertThat(b.ids()).containsExactly("d2");
        assertThat(state.announceBarrier(b)).as("held at d2's first copy, no longer at d1's").isEqualTo(2);
        assertThat(state.passBarrier()).isEqualTo(4);
    }

    @Test
    void a_void_follows_the_chain_through_a_statement_whose_copies_are_lost_as_well() {
        state.intake(copy(1, "d1", 2, "DELETE FROM m", 0), 0);
        state.intake(copy(2, "d2", 2, "DELETE FROM n", 0, "d1"), 0);
        state.intake(copy(3, "d3", 2, "DELETE FROM o", 0, "d2"), 0);
        state.intake(copy(4, "d3", 2, "DELETE FROM o", 1, "d2"), 0);

        assertThat(state.drainVoids()).extracting(v -> v.statement().id()).containsExactlyInAnyOrder("d1", "d2");
        assertThat(state.headBarrier().ids()).containsExactly("d3");
    }

    @Test
    void statements_of_different_gateways_never_void_each_other_whatever_order_their_copies_meet_in() {
        state.intake(copy(1, "g1", 2, "DELETE FROM m", 0), 0);
        state.intake(copy(2, "g2", 2, "DELETE FROM n", 1, "other"), 0);
        state.intake(copy(3, "g2", 2, "DELETE FROM n", 0, "other"), 0);

        assertThat(state.drainVoids()).isEmpty();
        assertThat(state.headBarrier()).as("g1's copy from 1 may still come").isNull();
        state.intake(copy(4, "g1", 2, "DELETE FROM m", 1), 0);
        assertThat(state.headBarrier().ids()).containsExactlyInAnyOrder("g1", "g2");
    }

    @Test
    void an_earlier_gateways_statement_still_incomplete_when_a_statement_naming_its_copies_completes_is_void() {
        state.intake(copy(1, "old", 3), 0); // a gateway of the previous version died after one of its three sends
        state.intake(copy(2, "new", 2, "DROP MEASUREMENT n", 0), 0);
        assertThat(state.drainVoids()).isEmpty();
        state.intake(copy(3, "new", 2, "DROP MEASUREMENT n", 1), 0);

        assertThat(state.drainVoids()).singleElement().satisfies(v -> assertThat(v.statement().id()).isEqualTo("old"));
        assertThat(state.headBarrier().ids()).containsExactly("new");
    }

    @Test
    void a_copy_of_a_void_statement_met_later_is_passed_over() {
        state.intake(copy(1, "d1", 2, "DELETE FROM m", 0), 0);
        state.intake(copy(2, "d2", 2, "DROP MEASUREMENT n", 1, "d1"), 0);
        assertThat(state.drainVoids()).hasSize(1);
        state.intake(copy(3, "d2", 2, "DROP MEASUREMENT n", 0, "d1"), 0);
        state.passBarrier();

        state.intake(copy(5, "d1", 2, "DELETE FROM m", 0), 0); // routed twice
        state.intake(copy(6, "d1", 2, "DELETE FROM m", 1), 0);

        assertThat(state.headBarrier()).isNull();
        assertThat(state.capCommit(7)).isEqualTo(7);
    }

    @Test
    void a_copy_from_an_ingest_partition_added_after_a_statement_never_voids_it() {
        state.intake(copy(1, "d1", 2, "DELETE FROM m", 0), 0); // two ingest partitions then; d1's copy from 1 still on its way
        state.intake(copy(2, "d2", 3, "DROP MEASUREMENT n", 2, "d1"), 0); // a third partition added since

        assertThat(state.drainVoids()).isEmpty();
        state.intake(copy(3, "d1", 2, "DELETE FROM m", 1), 0);
        assertThat(state.headBarrier()).as("d2 still lacks two copies").isNull();
        assertThat(state.capCommit(4)).isEqualTo(1);
    }

    private static PartitionState fresh() {
        return new PartitionState(TP, BatchRules.of("a", WriterFixture.settings(5000, 1 << 20, Duration.ofMillis(20))), new AtomicLong(),
                Schema.inMemory());
    }

    private static ConsumerRecord<byte[], byte[]> data(long offset, String line) {
        org.apache.kafka.common.header.internals.RecordHeaders h = new org.apache.kafka.common.header.internals.RecordHeaders();
        RecordHeaders.put(h, RecordHeaders.DB, "db");
        RecordHeaders.put(h, RecordHeaders.RP, "");
        byte[] v = line.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(TP.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, 0, v.length, null, v, h, Optional.empty());
    }

    /** Runs every step that can start, each answered 2xx; returns them. */
    private static java.util.List<Step> runAll(PartitionState s) {
        java.util.List<Step> started = new java.util.ArrayList<>();
        Step st;
        while ((st = s.startNext(0)) != null) {
            started.add(st);
            s.complete(st, Reply.OK, 0);
        }
        return started;
    }

    @Test
    void a_create_between_two_statements_of_one_gateway_keeps_the_chain() {
        state.intake(copy(1, "d1", 2, "DELETE FROM m", 0), 0); // its copy from 1 is lost
        state.intake(copy(2, "c", 2, "CREATE DATABASE \"x\"", 0, "d1"), 0);
        state.intake(copy(3, "c", 2, "CREATE DATABASE \"x\"", 1, "d1"), 0);

        assertThat(state.drainVoids()).as("the CREATE's copy from 1 came, d1's never will").singleElement()
                .satisfies(v -> assertThat(v.statement().id()).isEqualTo("d1"));
        state.intake(copy(4, "d2", 2, "DELETE FROM n", 0, "c"), 0);
        state.intake(copy(5, "d2", 2, "DELETE FROM n", 1, "c"), 0);
        runAll(state); // the CREATE, and the commit over the void copy
        assertThat(state.headBarrier().ids()).containsExactly("d2");
    }

    @Test
    void a_later_statements_copy_met_before_the_earlier_statement_opened_still_voids_it() {
        state.intake(copy(1, "d2", 2, "DELETE FROM n", 0, "d1"), 0); // d1's copy from 0, before it there, is lost
        state.intake(copy(2, "d1", 2, "DELETE FROM m", 1), 0);
        state.intake(copy(3, "d2", 2, "DELETE FROM n", 1, "d1"), 0);

        assertThat(state.drainVoids()).extracting(v -> v.statement().id()).containsExactly("d1");
        runAll(state);
        assertThat(state.headBarrier().ids()).as("d2 complete stops").containsExactly("d2");
    }

    @Test
    void a_statement_names_every_statement_committed_before_it_began_by_any_gateway() {
        state.intake(copy(1, "g1", 2, "DELETE FROM m", 0), 0); // gateway 1's, its copy from 1 lost
        state.intake(copy(2, "g2", 2, "DELETE FROM n", 1, "mine,g1"), 0); // gateway 2 read g1's commit before it began

        assertThat(state.drainVoids()).extracting(v -> v.statement().id()).containsExactly("g1");
    }

    @Test
    void a_void_decided_before_a_restart_is_decided_again_after_it_and_the_partition_stops_at_its_announced_cut() {
        PartitionState first = fresh();
        first.intake(copy(1, "d1", 3, "DELETE FROM m", 1), 0); // its copy from 0 is lost
        first.intake(copy(2, "d2", 3, "DELETE FROM n", 0, "d1"), 0);
        first.intake(copy(3, "d2", 3, "DELETE FROM n", 1, "d1"), 0);
        first.intake(copy(4, "d1", 3, "DELETE FROM m", 2), 0);
        first.intake(copy(5, "d2", 3, "DELETE FROM n", 2, "d1"), 0);
        assertThat(first.drainVoids()).hasSize(1);
        runAll(first);
        Step.Barrier b = first.headBarrier();
        assertThat(b.ids()).containsExactly("d2");
        assertThat(first.announceBarrier(b)).isEqualTo(2);

        PartitionState second = fresh(); // restarted at 2, its commit announcing ddl:d2@5
        second.resumeBarrier(java.util.List.of("d2"), 5);
        for (long o = 2; o <= 5; o++) {
            second.intake(o == 4 ? copy(4, "d1", 3, "DELETE FROM m", 2) : copy(o, "d2", 3, "DELETE FROM n", (int) o - 2, "d1"), 0);
        }
        second.intake(data(6, "m v=1 6\n"), 0);
        second.sealPending();

        assertThat(runAll(second)).as("nothing after the announced cut is written before d2 is passed")
                .noneMatch(st -> st instanceof Step.Write);
        assertThat(second.headBarrier().ids()).containsExactly("d2");
        assertThat(second.drainVoids()).extracting(v -> v.statement().id()).containsExactly("d1");
    }

    @Test
    void at_the_announced_stop_a_statement_still_incomplete_is_given_up_whatever_the_links_say() {
        PartitionState resumed = fresh();
        resumed.resumeBarrier(java.util.List.of("d2"), 3);
        resumed.intake(copy(1, "x", 2, "DELETE FROM m", 0), 0); // no link tells its fate
        resumed.intake(copy(2, "d2", 2, "DELETE FROM n", 0), 0);
        resumed.intake(copy(3, "d2", 2, "DELETE FROM n", 1), 0);

        assertThat(resumed.drainVoids()).extracting(v -> v.statement().id()).containsExactly("x");
        runAll(resumed);
        assertThat(resumed.headBarrier().ids()).containsExactly("d2");
    }
}
