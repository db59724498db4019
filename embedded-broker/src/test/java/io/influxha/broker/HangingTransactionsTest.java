package io.influxha.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.broker.HangingTransactions.Decision;
import io.influxha.broker.HangingTransactions.Open;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {
    private static final long NOW = 1_000_000;
    private static final long HANG_AFTER = 45_000;
    private static final TopicPartition SHARD = new TopicPartition("p.shard.main", 0);
    private static final TopicPartition OFFSETS = new TopicPartition(HangingTransactions.OFFSETS_TOPIC, 0);

    private static Open open(TopicPartition tp, int epoch, long ageMs) {
        return new Open(tp, 14, epoch, 2, NOW - ageMs);
    }

    private static TransactionDescription coordinator(TransactionState state, int epoch, Set<TopicPartition> partitions) {
        return new TransactionDescription(1, state, 14, epoch, 10_000, OptionalLong.of(NOW - 1_000), partitions);
    }

    @Test
    void a_transaction_open_on_the_data_and_the_offsets_that_its_coordinator_completed_is_aborted_everywhere() {
        // The fault suite's case: CompleteCommit recorded, no marker written anywhere, the producer moved on to epoch 50.
        List<Decision> d = HangingTransactions.decide(List.of(open(SHARD, 48, 60_000), open(OFFSETS, 48, 60_000)),
                Map.of(14L, List.of(coordinator(TransactionState.EMPTY, 50, Set.of()))), NOW, HANG_AFTER);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.abort()).isTrue();
            assertThat(x.producerEpoch()).isEqualTo(48);
            assertThat(x.partitions()).extracting(Open::partition).containsExactly(SHARD, OFFSETS);
        });
    }

    @Test
    void a_hanging_transaction_whose_offsets_may_have_committed_is_reported_not_aborted() {
        List<Decision> d = HangingTransactions.decide(List.of(open(SHARD, 48, 60_000)), Map.of(), NOW, HANG_AFTER);
        assertThat(d).singleElement().satisfies(x -> assertThat(x.abort()).isFalse());
    }

    @Test
    void a_transaction_its_coordinator_still_runs_is_left_alone_however_old() {
        for (TransactionState state : List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT)) {
            int epoch = state == TransactionState.ONGOING ? 48 : 49; // v2: a prepared transaction shows the bumped epoch
            List<Decision> d = HangingTransactions.decide(List.of(open(SHARD, 48, 600_000), open(OFFSETS, 48, 600_000)),
                    Map.of(14L, List.of(coordinator(state, epoch, Set.of(SHARD, OFFSETS)))), NOW, HANG_AFTER);
            assertThat(d).as(state.toString()).isEmpty();
        }
    }

    @Test
    void a_transaction_younger_than_the_limit_is_not_judged() {
        List<Decision> d = HangingTransactions.decide(List.of(open(SHARD, 48, 44_000), open(OFFSETS, 48, 44_000)), Map.of(), NOW, HANG_AFTER);
        assertThat(d).isEmpty();
    }

    @Test
    void an_ongoing_transaction_of_a_later_epoch_does_not_cover_an_older_epochs_leftover() {
        List<Decision> d = HangingTransactions.decide(List.of(open(SHARD, 48, 60_000), open(OFFSETS, 48, 60_000)),
                Map.of(14L, List.of(coordinator(TransactionState.ONGOING, 51, Set.of(SHARD, OFFSETS)))), NOW, HANG_AFTER);
        assertThat(d).singleElement().satisfies(x -> assertThat(x.abort()).isTrue());
    }
}
