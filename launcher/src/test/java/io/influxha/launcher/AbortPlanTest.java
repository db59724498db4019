package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.launcher.TransactionCheck.Coordinator;
import io.influxha.launcher.TransactionCheck.Finding;
import io.influxha.launcher.TransactionCheck.Open;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AbortPlanTest {
    private static final TopicPartition SHARD = new TopicPartition("p.shard.main", 0);
    private static final TopicPartition OFFSETS = new TopicPartition("__consumer_offsets", 1);
    private static final Open ON_SHARD = new Open(SHARD, 4000, 7, 3, 120, 1_000);
    private static final Open ON_OFFSETS = new Open(OFFSETS, 4000, 7, 3, 55, 1_000);
    private static final Open OTHER_PRODUCER = new Open(SHARD, 5000, 1, 3, 130, 1_000);

    private static Finding hanging(Open o) {
        return TransactionCheck.classify(o, Optional.empty(), TransactionCheckTest.V2);
    }

    @Test
    void every_partition_of_a_hanging_producer_epoch_is_aborted_when_both_reads_agree() {
        List<Finding> before = List.of(hanging(ON_SHARD), hanging(ON_OFFSETS), hanging(OTHER_PRODUCER));
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.empty(), before, Map.of(), List.of(ON_SHARD, ON_OFFSETS, OTHER_PRODUCER));
        assertThat(plan.refusal()).isEmpty();
        assertThat(plan.abort()).containsExactly(ON_SHARD, ON_OFFSETS);
        assertThat(plan.alsoOpen()).isEmpty();
    }

    @Test
    void one_named_partition_is_aborted_alone_and_the_others_of_the_same_epoch_are_named() {
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.of(SHARD), List.of(hanging(ON_SHARD), hanging(ON_OFFSETS)), Map.of(), List.of(ON_SHARD));
        assertThat(plan.abort()).containsExactly(ON_SHARD);
        assertThat(plan.alsoOpen()).containsExactly(ON_OFFSETS);
    }

    @Test
    void nothing_open_for_that_producer_epoch_is_refused() {
        AbortPlan plan = AbortPlan.of(4000, 8, Optional.empty(), List.of(hanging(ON_SHARD)), Map.of(), List.of(ON_SHARD));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("no transaction of producer id 4000 epoch 8"));
        assertThat(plan.abort()).isEmpty();
    }

    @Test
    void a_live_transaction_is_refused_with_its_coordinators_reason() {
        Finding live = TransactionCheck.classify(ON_SHARD,
                Optional.of(new Coordinator("p-router-0_1", 4000, TransactionState.ONGOING, 7, Set.of(SHARD))), TransactionCheckTest.V2);
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.of(SHARD), List.of(live), Map.of(), List.of(ON_SHARD));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("LIVE", "p-router-0_1", "write the marker"));
    }

    @Test
    void one_committed_partition_refuses_the_whole_producer_epoch_even_when_another_partition_is_named() {
        Coordinator committed = new Coordinator("p-router-0_1", 4000, TransactionState.COMPLETE_COMMIT, 8, Set.of());
        List<Finding> before = List.of(TransactionCheck.classify(ON_SHARD, Optional.of(committed), TransactionCheckTest.V2),
                TransactionCheck.classify(ON_OFFSETS, Optional.of(committed), TransactionCheckTest.V2));
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.of(OFFSETS), before, Map.of(), List.of(ON_OFFSETS));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("COMMITTED", "anywhere"));
    }

    @Test
    void a_transaction_that_changed_between_the_two_reads_is_refused() {
        Open reopened = new Open(SHARD, 4000, 7, 3, 180, 2_000); // a marker landed and the same epoch opened a new one
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.empty(), List.of(hanging(ON_SHARD)), Map.of(), List.of(reopened));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("changed while it was checked"));
        AbortPlan closed = AbortPlan.of(4000, 7, Optional.empty(), List.of(hanging(ON_SHARD)), Map.of(), List.of());
        assertThat(closed.refusal()).hasValueSatisfying(r -> assertThat(r).contains("changed while it was checked"));
    }

    @Test
    void an_unreadable_partition_refuses_an_abort_of_every_partition_by_name() {
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.empty(), List.of(hanging(ON_SHARD)), Map.of(OFFSETS, "its leader did not answer"),
                List.of(ON_SHARD));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("cannot read __consumer_offsets-1 (its leader did"
                + " not answer)", "--topic and --partition"));
        assertThat(plan.abort()).isEmpty();
    }

    @Test
    void an_unreadable_partition_elsewhere_does_not_stop_the_abort_of_a_named_readable_one() {
        TopicPartition elsewhere = new TopicPartition("p.ingest", 4);
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.of(SHARD), List.of(hanging(ON_SHARD)), Map.of(elsewhere, "timeout"),
                List.of(ON_SHARD));
        assertThat(plan.refusal()).isEmpty();
        assertThat(plan.abort()).containsExactly(ON_SHARD);
    }

    @Test
    void the_named_partition_unreadable_or_one_the_coordinator_lists_unreadable_refuses() {
        AbortPlan named = AbortPlan.of(4000, 7, Optional.of(SHARD), List.of(), Map.of(SHARD, "timeout"), List.of());
        assertThat(named.refusal()).hasValueSatisfying(r -> assertThat(r).contains("cannot read p.shard.main-0 (timeout)"));

        Coordinator aborting = new Coordinator("p-router-0_1", 4000, TransactionState.PREPARE_ABORT, 7, Set.of(OFFSETS));
        Finding onShard = TransactionCheck.classify(ON_SHARD, Optional.of(aborting), TransactionCheckTest.V2);
        assertThat(onShard.verdict()).isEqualTo(TransactionCheck.Verdict.HANGING);
        AbortPlan listed = AbortPlan.of(4000, 7, Optional.of(SHARD), List.of(onShard), Map.of(OFFSETS, "timeout"), List.of(ON_SHARD));
        assertThat(listed.refusal()).hasValueSatisfying(r -> assertThat(r).contains("cannot read __consumer_offsets-1"));
    }
}
