package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.launcher.TransactionCheck.Coordinator;
import io.influxha.launcher.TransactionCheck.Open;
import io.influxha.launcher.TransactionCheck.Verdict;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionCheckTest {
    private static final TopicPartition P = new TopicPartition("p.shard.main", 2);
    private static final TopicPartition OTHER = new TopicPartition("p.shard.main", 3);
    private static final Open OPEN = new Open(P, 4000, 7, 3, 120, 1_000);

    private static Optional<Coordinator> coordinator(TransactionState state, int epoch, TopicPartition... partitions) {
        return Optional.of(new Coordinator("p-router-0_1", state, epoch, Set.of(partitions)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no coordinator knows the producer id", Optional.empty(), Verdict.HANGING, "no transaction coordinator"),
                Arguments.of("ongoing with this partition", coordinator(TransactionState.ONGOING, 7, P), Verdict.LIVE, "write the marker"),
                Arguments.of("ongoing with this partition at a later epoch", coordinator(TransactionState.ONGOING, 9, P), Verdict.LIVE,
                        "write the marker"),
                Arguments.of("preparing its commit, marker still due here", coordinator(TransactionState.PREPARE_COMMIT, 7, P),
                        Verdict.LIVE, "write the marker"),
                Arguments.of("preparing its abort, marker still due here", coordinator(TransactionState.PREPARE_ABORT, 8, P),
                        Verdict.LIVE, "write the marker"),
                Arguments.of("fencing the epoch, marker still due here", coordinator(TransactionState.PREPARE_EPOCH_FENCE, 7, P),
                        Verdict.LIVE, "write the marker"),
                Arguments.of("commit completed at the same epoch without this partition's marker",
                        coordinator(TransactionState.COMPLETE_COMMIT, 7), Verdict.COMMITTED, "aborting here would drop records"),
                Arguments.of("commit completed at the next epoch (transactions v2) without this partition's marker",
                        coordinator(TransactionState.COMPLETE_COMMIT, 8), Verdict.COMMITTED, "never reached this partition"),
                Arguments.of("commit prepared, this partition no longer pending", coordinator(TransactionState.PREPARE_COMMIT, 8, OTHER),
                        Verdict.COMMITTED, "committed this transaction"),
                Arguments.of("abort completed at the same epoch", coordinator(TransactionState.COMPLETE_ABORT, 7), Verdict.HANGING,
                        "aborted this transaction"),
                Arguments.of("abort completed at the next epoch", coordinator(TransactionState.COMPLETE_ABORT, 8), Verdict.HANGING,
                        "aborted this transaction"),
                Arguments.of("abort prepared, this partition no longer pending", coordinator(TransactionState.PREPARE_ABORT, 7, OTHER),
                        Verdict.HANGING, "aborted this transaction"),
                Arguments.of("ongoing at the same epoch on other partitions only (transactions v1: a later transaction)",
                        coordinator(TransactionState.ONGOING, 7, OTHER), Verdict.OUTCOME_UNKNOWN, "no longer recorded"),
                Arguments.of("commit completed two epochs later: the producer moved on",
                        coordinator(TransactionState.COMPLETE_COMMIT, 9), Verdict.OUTCOME_UNKNOWN, "no longer recorded"),
                Arguments.of("empty at the same epoch", coordinator(TransactionState.EMPTY, 7), Verdict.OUTCOME_UNKNOWN,
                        "no longer recorded"),
                Arguments.of("state the client does not know", coordinator(TransactionState.UNKNOWN, 7), Verdict.OUTCOME_UNKNOWN,
                        "no longer recorded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(String name, Optional<Coordinator> coordinator, Verdict verdict, String reason) {
        TransactionCheck.Finding f = TransactionCheck.classify(OPEN, coordinator);
        assertThat(f.verdict()).isEqualTo(verdict);
        assertThat(f.reason()).contains(reason);
        assertThat(f.verdict().abortable()).isEqualTo(verdict == Verdict.HANGING);
    }
}
