package io.influxha.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@code transactions abort} may abort, decided from two reads of the partitions with the
 * coordinators' report between them. The transaction is named by producer id and epoch, on one
 * partition or on every watched partition it holds open. All or nothing: when any partition of
 * that producer epoch fails a check, none is touched. The second read must find each transaction
 * open from the same offset: a transaction cannot close and reopen at the same offset, so it was
 * open while its coordinator said it did not run it there, which is what makes it hanging; a
 * changed one means it moved while we looked (a commit just landed), and nothing is aborted.
 * A partition that could not be read refuses the abort when it may hold that producer epoch: the
 * named partition, any partition when every partition is meant, or one its coordinator lists.
 */
record AbortPlan(List<TransactionCheck.Open> abort, List<TransactionCheck.Open> alsoOpen, Optional<String> refusal) {

    static AbortPlan refused(String why) {
        return new AbortPlan(List.of(), List.of(), Optional.of(why));
    }

    /**
     * @param partition the one named partition, or empty for every partition of the producer epoch
     * @param before the first read, classified against the coordinators
     * @param unreadable the partitions either read could not read, with why
     * @param after the second read of the same partitions
     */
    static AbortPlan of(long producerId, int producerEpoch, Optional<TopicPartition> partition,
            List<TransactionCheck.Finding> before, Map<TopicPartition, String> unreadable, List<TransactionCheck.Open> after) {
        String who = "producer id " + producerId + " epoch " + producerEpoch;
        List<TransactionCheck.Finding> ofProducer = before.stream()
                .filter(f -> f.open().producerId() == producerId && f.open().producerEpoch() == producerEpoch).toList();
        Optional<String> blind = blind(who, partition, ofProducer, unreadable);
        if (blind.isPresent()) {
            return refused(blind.get());
        }
        List<TransactionCheck.Finding> named = ofProducer.stream()
                .filter(f -> partition.isEmpty() || f.open().partition().equals(partition.get())).toList();
        if (named.isEmpty()) {
            return refused("no transaction of " + who + " is open on " + partition.map(TopicPartition::toString)
                    .orElse("the project's topics or __consumer_offsets") + ": nothing to abort");
        }
        List<String> failed = new ArrayList<>();
        for (TransactionCheck.Finding f : ofProducer) {
            if (!f.verdict().abortable()) {
                failed.add(f.open().partition() + " " + f.verdict() + ": " + f.reason());
            }
        }
        if (!failed.isEmpty()) {
            return refused("refusing to abort " + who + " anywhere, since on " + String.join("; on ", failed));
        }
        List<TransactionCheck.Open> abort = new ArrayList<>();
        for (TransactionCheck.Finding f : named) {
            if (!after.contains(f.open())) {
                return refused("the transaction of " + who + " on " + f.open().partition() + " open from offset "
                        + f.open().startOffset() + " changed while it was checked (a marker may just have landed): nothing"
                        + " aborted; run the command again");
            }
            abort.add(f.open());
        }
        List<TransactionCheck.Open> alsoOpen = ofProducer.stream().map(TransactionCheck.Finding::open)
                .filter(o -> !abort.contains(o)).toList();
        return new AbortPlan(List.copyOf(abort), alsoOpen, Optional.empty());
    }

    /** Why an unreadable partition may hide this producer epoch; empty when none can. */
    private static Optional<String> blind(String who, Optional<TopicPartition> partition, List<TransactionCheck.Finding> ofProducer,
            Map<TopicPartition, String> unreadable) {
        Map<TopicPartition, String> relevant = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        unreadable.forEach((tp, why) -> {
            boolean listed = ofProducer.stream().anyMatch(f -> f.coordinator().map(c -> c.partitions().contains(tp)).orElse(false));
            if (partition.isEmpty() || partition.get().equals(tp) || listed) {
                relevant.put(tp, why);
            }
        });
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = new ArrayList<>();
        relevant.forEach((tp, why) -> named.add(tp + " (" + why + ")"));
        return Optional.of("cannot read " + String.join(", ", named) + ", where " + who + " may be open: nothing aborted; run again"
                + " when its leader answers" + (partition.isEmpty() ? ", or name one readable partition with --topic and --partition" : ""));
    }
}
