package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.launcher.TransactionCheck.Cluster;
import io.influxha.launcher.TransactionCheck.Open;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OpenTransactionsTest {
    private static final TopicPartition SHARD = new TopicPartition("p.shard.main", 0);
    private static final Open OLD = new Open(SHARD, 4000, 7, 3, 120, 0);
    private static final long NOW = 3_600_000;

    @Test
    void an_empty_listing_with_a_leaderless_transaction_state_partition_is_never_hanging_and_the_abort_is_refused() {
        Map<Integer, Integer> leaders = Map.of(0, 1, 1, -1, 2, 3);
        List<String> gaps = OpenTransactions.coordinatorGaps(leaders, leaders, Map.of());
        assertThat(gaps).containsExactly("__transaction_state partition 1 has no leader");

        TransactionCheck.Finding f = TransactionCheck.classify(OLD, Optional.empty(), new Cluster(2, 900_000, gaps, NOW));
        assertThat(f.verdict()).isEqualTo(TransactionCheck.Verdict.UNCHECKED);
        AbortPlan plan = AbortPlan.of(4000, 7, Optional.empty(), List.of(f), Map.of(), List.of(OLD));
        assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("UNCHECKED", "partition 1 has no leader"));
    }

    @Test
    void a_leader_that_moved_while_the_coordinators_were_asked_or_a_broker_whose_listing_failed_is_a_gap() {
        assertThat(OpenTransactions.coordinatorGaps(Map.of(0, 1, 1, 2), Map.of(0, 1, 1, 3), Map.of(2, "CoordinatorNotAvailableException")))
                .containsExactly("__transaction_state partition 1 moved from broker 2 to broker 3 while the coordinators were asked",
                        "broker 2 did not list its transactions: CoordinatorNotAvailableException");
        assertThat(OpenTransactions.coordinatorGaps(Map.of(0, 1), Map.of(), Map.of()))
                .containsExactly("__transaction_state partition 0 vanished while the coordinators were asked");
    }

    @Test
    void every_partition_led_and_every_broker_listed_is_no_gap() {
        assertThat(OpenTransactions.coordinatorGaps(Map.of(0, 1, 1, 2), Map.of(0, 1, 1, 2), Map.of())).isEmpty();
        assertThat(OpenTransactions.coordinatorGaps(Map.of(), Map.of(), Map.of())).as("no __transaction_state yet").isEmpty();
    }
}
