package io.influxha.launcher;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether an open transaction on a partition may be aborted: the checks of KIP-664's
 * {@code kafka-transactions.sh find-hanging}, plus one it lacks (never overturn a commit). Inputs
 * are what the partition's leader reports ({@code describeProducers}) and what the producer id's
 * coordinator reports ({@code listTransactions} filtered by producer id, then
 * {@code describeTransactions}). One branch per decision, each with its reason.
 */
final class TransactionCheck {
    private TransactionCheck() {}

    /** A transaction a partition holds open from {@code startOffset}, as its leader reports it. */
    record Open(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long startOffset,
            long lastTimestampMs) {}

    /** What the coordinator of a producer id says it is doing now. */
    record Coordinator(String transactionalId, TransactionState state, int producerEpoch, Set<TopicPartition> partitions) {}

    enum Verdict {
        /** Its coordinator still runs it on this partition and will write the marker: wait, never abort. */
        LIVE,
        /** Its coordinator committed it but the marker is missing here: aborting would overturn a commit. */
        COMMITTED,
        /** Its coordinator moved on to later transactions; whether this one committed is no longer known. */
        OUTCOME_UNKNOWN,
        /** No coordinator will end it, and nothing says it committed: abort is the repair. */
        HANGING;

        boolean abortable() {
            return this == HANGING;
        }
    }

    record Finding(Open open, Optional<Coordinator> coordinator, Verdict verdict, String reason) {}

    static Finding classify(Open o, Optional<Coordinator> coordinator) {
        if (coordinator.isEmpty()) {
            // Kafka's find-hanging: no transactional id maps to the producer id, so no coordinator will write a marker.
            return new Finding(o, coordinator, Verdict.HANGING, "no transaction coordinator knows producer id " + o.producerId()
                    + ": nothing will ever write this transaction's marker");
        }
        Coordinator c = coordinator.get();
        String where = "its coordinator (transactional id " + c.transactionalId() + ") is in state " + c.state() + " at epoch "
                + c.producerEpoch();
        boolean sameTransaction = c.producerEpoch() == o.producerEpoch()
                // Transactions v2 bump the epoch when a transaction ends: the end of epoch e is recorded at e + 1.
                || c.producerEpoch() == o.producerEpoch() + 1;
        if (running(c.state()) && c.partitions().contains(o.partition())) {
            // Kafka's find-hanging: the partition is among those the coordinator still has to write a marker to.
            return new Finding(o, coordinator, Verdict.LIVE, where + " with this partition: it will write the marker itself"
                    + " (at the latest when transaction.timeout.ms expires)");
        }
        if (sameTransaction && (c.state() == TransactionState.PREPARE_COMMIT || c.state() == TransactionState.COMPLETE_COMMIT)) {
            // Not in find-hanging: the coordinator decided commit, so consumers of the other partitions may already read it.
            return new Finding(o, coordinator, Verdict.COMMITTED, where + ": it committed this transaction but the commit marker"
                    + " never reached this partition; aborting here would drop records the other partitions keep committed");
        }
        if (sameTransaction && (c.state() == TransactionState.PREPARE_ABORT || c.state() == TransactionState.COMPLETE_ABORT
                || c.state() == TransactionState.PREPARE_EPOCH_FENCE)) {
            return new Finding(o, coordinator, Verdict.HANGING, where + ": it aborted this transaction and no longer lists this"
                    + " partition, so its abort marker will never arrive here");
        }
        return new Finding(o, coordinator, Verdict.OUTCOME_UNKNOWN, where + ", not running this transaction (epoch "
                + o.producerEpoch() + ") on this partition; whether it committed or aborted is no longer recorded");
    }

    private static boolean running(TransactionState s) {
        return s == TransactionState.ONGOING || s == TransactionState.PREPARE_COMMIT || s == TransactionState.PREPARE_ABORT
                || s == TransactionState.PREPARE_EPOCH_FENCE;
    }
}
