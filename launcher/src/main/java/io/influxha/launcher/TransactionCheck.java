package io.influxha.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether an open transaction on a partition may be aborted: the checks of KIP-664's
 * {@code kafka-transactions.sh find-hanging} (no coordinator knows the producer id, and the
 * transaction is older than the brokers' {@code transaction.max.timeout.ms}), plus three it lacks:
 * never trust "no coordinator knows it" while a coordinator could not be asked, never overturn a
 * commit, and never read an epoch as one transaction under transactions v1 (where a producer
 * session reuses its epoch for many). Inputs are what the partition's leader reports
 * ({@code describeProducers}), what the producer id's coordinator reports ({@code listTransactions}
 * filtered by producer id, then {@code describeTransactions}) and the {@link Cluster} facts. One
 * branch per decision, each with its reason.
 */
final class TransactionCheck {
    private TransactionCheck() {}

    /** A transaction a partition holds open from {@code startOffset}, as its leader reports it. */
    record Open(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long startOffset,
            long lastTimestampMs) {}

    /** What the coordinator of a transactional id says it is doing now, under which producer id. */
    record Coordinator(String transactionalId, long producerId, TransactionState state, int producerEpoch,
            Set<TopicPartition> partitions) {}

    /**
     * What a verdict needs beyond one producer: the finalized {@code transaction.version} feature,
     * the brokers' {@code transaction.max.timeout.ms}, why some coordinator could not be asked
     * (empty when every {@code __transaction_state} partition had a leader that answered), and now.
     */
    record Cluster(int transactionVersion, long maxTransactionTimeoutMs, List<String> coordinatorGaps, long nowMs) {
        boolean v2() {
            return transactionVersion >= 2;
        }
    }

    enum Verdict {
        /** Its coordinator still runs it on this partition and will write the marker: wait, never abort. */
        LIVE,
        /** Its coordinator committed it but the marker is missing here: aborting would overturn a commit. */
        COMMITTED,
        /** Its coordinator moved on, or its state may be another transaction's; whether this one committed is not known. */
        OUTCOME_UNKNOWN,
        /** The checks cannot be made now (a coordinator unreachable, or the transaction too young): run again later. */
        UNCHECKED,
        /** No coordinator will end it, and nothing says it committed: abort is the repair. */
        HANGING;

        boolean abortable() {
            return this == HANGING;
        }
    }

    record Finding(Open open, Optional<Coordinator> coordinator, Verdict verdict, String reason) {}

    static Finding classify(Open o, Optional<Coordinator> coordinator, Cluster cluster) {
        if (coordinator.isEmpty()) {
            if (!cluster.coordinatorGaps().isEmpty()) {
                // listTransactions asks only the brokers that lead a __transaction_state partition; a leaderless one answers nobody.
                return new Finding(o, coordinator, Verdict.UNCHECKED, "no transaction coordinator that answered knows producer id "
                        + o.producerId() + ", but not every coordinator could be asked (" + String.join("; ", cluster.coordinatorGaps())
                        + "): its coordinator may still write the marker; run again when every __transaction_state partition has a leader");
            }
            // Kafka's find-hanging: no transactional id maps to the producer id, so no coordinator will write a marker.
            return aged(new Finding(o, coordinator, Verdict.HANGING, "no transaction coordinator knows producer id " + o.producerId()
                    + ": nothing will ever write this transaction's marker"), cluster);
        }
        Coordinator c = coordinator.get();
        String where = "its coordinator (transactional id " + c.transactionalId() + ") is in state " + c.state() + " at epoch "
                + c.producerEpoch();
        if (c.producerId() != o.producerId()) {
            // Transactions v2 give a producer a new id when its epoch runs out: the old id's last transaction may be ending now.
            return new Finding(o, coordinator, Verdict.OUTCOME_UNKNOWN, "transactional id " + c.transactionalId()
                    + " was listed with producer id " + o.producerId() + " but its coordinator now runs producer id " + c.producerId()
                    + ": whether this transaction committed is not known");
        }
        if (running(c.state()) && c.partitions().contains(o.partition())) {
            // Kafka's find-hanging: the partition is among those the coordinator still has to write a marker to.
            return new Finding(o, coordinator, Verdict.LIVE, where + " with this partition: it will write the marker itself"
                    + " (at the latest when transaction.timeout.ms expires)");
        }
        if (!cluster.v2()) {
            // Transactions v1: one producer session runs many transactions at the same epoch, and a new session is epoch + 1.
            return new Finding(o, coordinator, Verdict.OUTCOME_UNKNOWN, where + "; under transactions v1 (transaction.version "
                    + cluster.transactionVersion() + ") one producer session reuses an epoch for many transactions, so that state"
                    + " may be a later transaction's: whether this one (epoch " + o.producerEpoch() + ") committed is not known");
        }
        boolean sameTransaction = c.producerEpoch() == o.producerEpoch()
                // Transactions v2 bump the epoch when a transaction ends: the end of epoch e is recorded at e + 1.
                || c.producerEpoch() == o.producerEpoch() + 1;
        if (sameTransaction && (c.state() == TransactionState.PREPARE_COMMIT || c.state() == TransactionState.COMPLETE_COMMIT)) {
            // Not in find-hanging: the coordinator decided commit, so consumers of the other partitions may already read it.
            return new Finding(o, coordinator, Verdict.COMMITTED, where + ": it committed this transaction but the commit marker"
                    + " never reached this partition; aborting here would drop records the other partitions keep committed");
        }
        if (sameTransaction && (c.state() == TransactionState.PREPARE_ABORT || c.state() == TransactionState.COMPLETE_ABORT
                || c.state() == TransactionState.PREPARE_EPOCH_FENCE)) {
            return aged(new Finding(o, coordinator, Verdict.HANGING, where + ": it aborted this transaction and no longer lists this"
                    + " partition, so its abort marker will never arrive here"), cluster);
        }
        return new Finding(o, coordinator, Verdict.OUTCOME_UNKNOWN, where + ", not running this transaction (epoch "
                + o.producerEpoch() + ") on this partition; whether it committed or aborted is no longer recorded");
    }

    /**
     * Kafka's find-hanging age gate: a transaction whose last write is younger than the brokers'
     * {@code transaction.max.timeout.ms} may belong to a coordinator that is moving or to a
     * producer id that just changed. The age is the last record's CreateTime, as find-hanging's.
     */
    private static Finding aged(Finding hanging, Cluster cluster) {
        long ageMs = cluster.nowMs() - hanging.open().lastTimestampMs();
        if (ageMs > cluster.maxTransactionTimeoutMs()) {
            return hanging;
        }
        return new Finding(hanging.open(), hanging.coordinator(), Verdict.UNCHECKED, "its last write is "
                + Duration.ofMillis(Math.max(0, ageMs)).toSeconds() + " s old, not older than the brokers' transaction.max.timeout.ms ("
                + cluster.maxTransactionTimeoutMs() / 1000 + " s): a coordinator may still end it; run again later (otherwise: "
                + hanging.reason() + ")");
    }

    private static boolean running(TransactionState s) {
        return s == TransactionState.ONGOING || s == TransactionState.PREPARE_COMMIT || s == TransactionState.PREPARE_ABORT
                || s == TransactionState.PREPARE_EPOCH_FENCE;
    }
}
