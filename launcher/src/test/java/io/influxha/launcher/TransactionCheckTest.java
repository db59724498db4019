package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.launcher.TransactionCheck.Cluster;
import io.influxha.launcher.TransactionCheck.Coordinator;
import io.influxha.launcher.TransactionCheck.Open;
import io.influxha.launcher.TransactionCheck.Verdict;
import java.util.List;
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
    private static final long MAX_TIMEOUT_MS = 900_000;
    /** Last written 20 minutes before now: past the brokers' 15 min transaction.max.timeout.ms. */
    private static final long NOW = 1_000 + 1_200_000;
    private static final Open OPEN = new Open(P, 4000, 7, 3, 120, 1_000);
    static final Cluster V2 = new Cluster(2, MAX_TIMEOUT_MS, List.of(), NOW);
    private static final Cluster V1 = new Cluster(0, MAX_TIMEOUT_MS, List.of(), NOW);
    private static final Cluster LEADERLESS = new Cluster(2, MAX_TIMEOUT_MS,
            List.of("__transaction_state partition 17 has no leader"), NOW);
    private static final Cluster YOUNG = new Cluster(2, MAX_TIMEOUT_MS, List.of(), 1_000 + 600_000);

    private static Optional<Coordinator> coordinator(TransactionState state, int epoch, TopicPartition... partitions) {
        return Optional.of(new Coordinator("p-router-0_1", 4000, state, epoch, Set.of(partitions)));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no coordinator knows the producer id", V2, Optional.empty(), Verdict.HANGING, "no transaction coordinator"),
                Arguments.of("no coordinator that answered knows it, but a __transaction_state partition has no leader", LEADERLESS,
                        Optional.empty(), Verdict.UNCHECKED, "partition 17 has no leader"),
                Arguments.of("no coordinator knows it, but its last write is younger than transaction.max.timeout.ms", YOUNG,
                        Optional.empty(), Verdict.UNCHECKED, "600 s old, not older than the brokers' transaction.max.timeout.ms (900 s)"),
                Arguments.of("its transactional id now runs another producer id (v2 epoch exhaustion)", V2,
                        Optional.of(new Coordinator("p-router-0_1", 4001, TransactionState.COMPLETE_ABORT, 0, Set.of())),
                        Verdict.OUTCOME_UNKNOWN, "now runs producer id 4001"),
                Arguments.of("ongoing with this partition", V2, coordinator(TransactionState.ONGOING, 7, P), Verdict.LIVE, "write the marker"),
                Arguments.of("ongoing with this partition at a later epoch", V2, coordinator(TransactionState.ONGOING, 9, P), Verdict.LIVE,
                        "write the marker"),
                Arguments.of("preparing its commit, marker still due here", V2, coordinator(TransactionState.PREPARE_COMMIT, 7, P),
                        Verdict.LIVE, "write the marker"),
                Arguments.of("preparing its abort, marker still due here", V2, coordinator(TransactionState.PREPARE_ABORT, 8, P),
                        Verdict.LIVE, "write the marker"),
                Arguments.of("fencing the epoch, marker still due here", V2, coordinator(TransactionState.PREPARE_EPOCH_FENCE, 7, P),
                        Verdict.LIVE, "write the marker"),
                Arguments.of("commit completed at the same epoch without this partition's marker", V2,
                        coordinator(TransactionState.COMPLETE_COMMIT, 7), Verdict.COMMITTED, "aborting here would drop records"),
                Arguments.of("commit completed at the next epoch (transactions v2) without this partition's marker", V2,
                        coordinator(TransactionState.COMPLETE_COMMIT, 8), Verdict.COMMITTED, "never reached this partition"),
                Arguments.of("commit prepared, this partition no longer pending", V2, coordinator(TransactionState.PREPARE_COMMIT, 8, OTHER),
                        Verdict.COMMITTED, "committed this transaction"),
                Arguments.of("abort completed at the same epoch", V2, coordinator(TransactionState.COMPLETE_ABORT, 7), Verdict.HANGING,
                        "aborted this transaction"),
                Arguments.of("abort completed at the next epoch", V2, coordinator(TransactionState.COMPLETE_ABORT, 8), Verdict.HANGING,
                        "aborted this transaction"),
                Arguments.of("abort completed at the same epoch, but the transaction is younger than transaction.max.timeout.ms", YOUNG,
                        coordinator(TransactionState.COMPLETE_ABORT, 7), Verdict.UNCHECKED, "not older than"),
                Arguments.of("abort prepared, this partition no longer pending", V2, coordinator(TransactionState.PREPARE_ABORT, 7, OTHER),
                        Verdict.HANGING, "aborted this transaction"),
                Arguments.of("v1: abort completed at the same epoch (a later transaction of the session may have aborted)", V1,
                        coordinator(TransactionState.COMPLETE_ABORT, 7), Verdict.OUTCOME_UNKNOWN, "transactions v1"),
                Arguments.of("v1: abort completed at the next epoch (a new session)", V1, coordinator(TransactionState.COMPLETE_ABORT, 8),
                        Verdict.OUTCOME_UNKNOWN, "reuses an epoch"),
                Arguments.of("v1: abort prepared without this partition", V1, coordinator(TransactionState.PREPARE_ABORT, 7, OTHER),
                        Verdict.OUTCOME_UNKNOWN, "transactions v1"),
                Arguments.of("v1: commit completed at the same epoch", V1, coordinator(TransactionState.COMPLETE_COMMIT, 7),
                        Verdict.OUTCOME_UNKNOWN, "transactions v1"),
                Arguments.of("v1: ongoing with this partition is still live", V1, coordinator(TransactionState.ONGOING, 7, P), Verdict.LIVE,
                        "write the marker"),
                Arguments.of("v1: no coordinator knows the producer id", V1, Optional.empty(), Verdict.HANGING,
                        "no transaction coordinator"),
                Arguments.of("ongoing at the same epoch on other partitions only (a later transaction)", V2,
                        coordinator(TransactionState.ONGOING, 7, OTHER), Verdict.OUTCOME_UNKNOWN, "no longer recorded"),
                Arguments.of("commit completed two epochs later: the producer moved on", V2,
                        coordinator(TransactionState.COMPLETE_COMMIT, 9), Verdict.OUTCOME_UNKNOWN, "no longer recorded"),
                Arguments.of("empty at the same epoch", V2, coordinator(TransactionState.EMPTY, 7), Verdict.OUTCOME_UNKNOWN,
                        "no longer recorded"),
                Arguments.of("state the client does not know", V2, coordinator(TransactionState.UNKNOWN, 7), Verdict.OUTCOME_UNKNOWN,
                        "no longer recorded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(String name, Cluster cluster, Optional<Coordinator> coordinator, Verdict verdict, String reason) {
        TransactionCheck.Finding f = TransactionCheck.classify(OPEN, coordinator, cluster);
        assertThat(f.verdict()).isEqualTo(verdict);
        assertThat(f.reason()).contains(reason);
        assertThat(f.verdict().abortable()).isEqualTo(verdict == Verdict.HANGING);
    }
}
