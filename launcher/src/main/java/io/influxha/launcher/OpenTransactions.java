package io.influxha.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;

/**
 * The Kafka Admin calls behind {@code influx-ha transactions}: the open transactions partitions
 * report ({@code describeProducers}), what their producers' coordinators report
 * ({@code listTransactions}, {@code describeTransactions}), and {@code abortTransaction}. Each
 * call is bounded by 30 s and fails with an {@link IllegalStateException} naming what it did.
 */
final class OpenTransactions {
    private static final long TIMEOUT_SECONDS = 30;
    private final Admin admin;

    OpenTransactions(Admin admin) {
        this.admin = admin;
    }

    /** Every transaction the partitions hold open, in partition order. */
    List<TransactionCheck.Open> open(Collection<TopicPartition> partitions) {
        List<TransactionCheck.Open> open = new ArrayList<>();
        if (partitions.isEmpty()) {
            return open;
        }
        get("the producers of " + partitions.size() + " partitions", () -> admin.describeProducers(partitions).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).forEach((tp, state) -> {
                    for (ProducerState p : state.activeProducers()) {
                        if (p.currentTransactionStartOffset().isPresent()) {
                            open.add(new TransactionCheck.Open(tp, p.producerId(), p.producerEpoch(), p.coordinatorEpoch().orElse(0),
                                    p.currentTransactionStartOffset().getAsLong(), p.lastTimestamp()));
                        }
                    }
                });
        open.sort(java.util.Comparator.comparing((TransactionCheck.Open o) -> o.partition().topic())
                .thenComparingInt(o -> o.partition().partition()).thenComparingLong(TransactionCheck.Open::producerId));
        return open;
    }

    /** Per producer id, what its coordinator reports now; a producer id no coordinator knows is absent. */
    Map<Long, TransactionCheck.Coordinator> coordinators(Set<Long> producerIds) {
        Map<Long, TransactionCheck.Coordinator> out = new HashMap<>();
        if (producerIds.isEmpty()) {
            return out;
        }
        Collection<TransactionListing> listings = get("the transactions of producer ids " + producerIds, () -> admin.listTransactions(
                new ListTransactionsOptions().filterProducerIds(producerIds)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        for (TransactionListing l : listings) {
            if (!producerIds.contains(l.producerId())) {
                continue;
            }
            describe(l.transactionalId()).ifPresent(d -> out.put(l.producerId(),
                    new TransactionCheck.Coordinator(l.transactionalId(), d.state(), d.producerEpoch(), Set.copyOf(d.topicPartitions()))));
        }
        return out;
    }

    /** Checks every open transaction of {@code open} against its coordinator. */
    List<TransactionCheck.Finding> classify(List<TransactionCheck.Open> open) {
        Set<Long> ids = new HashSet<>();
        open.forEach(o -> ids.add(o.producerId()));
        Map<Long, TransactionCheck.Coordinator> coordinators = coordinators(ids);
        return open.stream().map(o -> TransactionCheck.classify(o, Optional.ofNullable(coordinators.get(o.producerId())))).toList();
    }

    /** Writes the abort marker for {@code o} on its partition. */
    void abort(TransactionCheck.Open o) {
        get("the abort of producer id " + o.producerId() + " epoch " + o.producerEpoch() + " on " + o.partition(), () -> admin
                .abortTransaction(new AbortTransactionSpec(o.partition(), o.producerId(), (short) o.producerEpoch(), o.coordinatorEpoch()))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private Optional<TransactionDescription> describe(String transactionalId) {
        try {
            return Optional.of(admin.describeTransactions(List.of(transactionalId)).description(transactionalId)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransactionalIdNotFoundException) {
                return Optional.empty(); // expired since it was listed
            }
            throw new IllegalStateException("cannot describe transactional id " + transactionalId + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing transactional id " + transactionalId, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe transactional id " + transactionalId + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    private interface Call<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T get(String what, Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read " + what + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

}
