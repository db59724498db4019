package io.influxha.launcher;

import io.influxha.core.AdminCalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Kafka Admin calls behind {@code influx-ha transactions}: the open transactions partitions
 * report ({@code describeProducers}, per partition: an unreadable one is named, the others still
 * count), what their producers' coordinators report ({@code listTransactions} per broker,
 * {@code describeTransactions}), the cluster facts a verdict needs ({@code describeTopics} of
 * {@code __transaction_state}, {@code describeFeatures}, {@code describeConfigs}), and
 * {@code abortTransaction}. Each read is bounded by 30 s and fails with an
 * {@link IllegalStateException} naming what it read.
 */
final class OpenTransactions implements AbortRun.Partitions {
    static final String TRANSACTION_STATE_TOPIC = "__transaction_state";
    private static final long TIMEOUT_SECONDS = 30;
    private static final long DEFAULT_MAX_TRANSACTION_TIMEOUT_MS = 900_000;
    private final Admin admin;

    OpenTransactions(Admin admin) {
        this.admin = admin;
    }

    /** One read of partitions: the transactions they hold open, in partition order, and the partitions that could not be read, with why. */
    record Reading(List<TransactionCheck.Open> open, Map<TopicPartition, String> unreadable) {}

    /** Every transaction the partitions hold open; a partition whose leader does not answer within 30 s is unreadable, by name. */
    @Override
    public Reading open(Collection<TopicPartition> partitions) {
        List<TransactionCheck.Open> open = new ArrayList<>();
        Map<TopicPartition, String> unreadable = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        if (partitions.isEmpty()) {
            return new Reading(open, unreadable);
        }
        org.apache.kafka.clients.admin.DescribeProducersResult results = admin.describeProducers(partitions);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        partitions.forEach(tp -> {
            try {
                for (ProducerState p : results.partitionResult(tp).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).activeProducers()) {
                    if (p.currentTransactionStartOffset().isPresent()) {
                        open.add(new TransactionCheck.Open(tp, p.producerId(), p.producerEpoch(), p.coordinatorEpoch().orElse(0),
                                p.currentTransactionStartOffset().getAsLong(), p.lastTimestamp()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the producers of " + tp, e);
            } catch (ExecutionException e) {
                unreadable.put(tp, String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                unreadable.put(tp, "its leader did not answer within " + TIMEOUT_SECONDS + " s");
            }
        });
        open.sort(java.util.Comparator.comparing((TransactionCheck.Open o) -> o.partition().topic())
                .thenComparingInt(o -> o.partition().partition()).thenComparingLong(TransactionCheck.Open::producerId));
        return new Reading(open, unreadable);
    }

    /** Checks every open transaction of {@code open} against its coordinator and the cluster's facts, read now. */
    List<TransactionCheck.Finding> classify(List<TransactionCheck.Open> open) {
        if (open.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = new HashSet<>();
        open.forEach(o -> ids.add(o.producerId()));
        Map<Integer, Integer> leadersBefore = transactionStateLeaders();
        Map<Integer, String> listingErrors = new TreeMap<>();
        Map<Long, TransactionCheck.Coordinator> coordinators = coordinators(ids, listingErrors);
        List<String> gaps = coordinatorGaps(leadersBefore, transactionStateLeaders(), listingErrors);
        TransactionCheck.Cluster cluster = new TransactionCheck.Cluster(transactionVersion(), maxTransactionTimeoutMs(), gaps,
                System.currentTimeMillis());
        return open.stream().map(o -> TransactionCheck.classify(o, Optional.ofNullable(coordinators.get(o.producerId())), cluster))
                .toList();
    }

    /**
     * Why "no coordinator knows this producer id" cannot be trusted now: a {@code __transaction_state}
     * partition without a leader (listTransactions asks only leaders, and a leaderless partition is
     * reported by nobody, without an error), one whose leader changed while the coordinators were
     * asked, or a broker whose listing failed. Empty when every coordinator answered.
     *
     * @param before the leader broker id per {@code __transaction_state} partition before the listing, -1 for none
     * @param after the same, read after the listing
     * @param listingErrors per broker id, why its listTransactions failed
     */
    static List<String> coordinatorGaps(Map<Integer, Integer> before, Map<Integer, Integer> after, Map<Integer, String> listingErrors) {
        List<String> gaps = new ArrayList<>();
        new TreeMap<>(after).forEach((partition, leader) -> {
            if (leader < 0) {
                gaps.add(TRANSACTION_STATE_TOPIC + " partition " + partition + " has no leader");
            } else if (!leader.equals(before.get(partition))) {
                gaps.add(TRANSACTION_STATE_TOPIC + " partition " + partition + " moved from broker " + before.get(partition)
                        + " to broker " + leader + " while the coordinators were asked");
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p)).sorted()
                .forEach(p -> gaps.add(TRANSACTION_STATE_TOPIC + " partition " + p + " vanished while the coordinators were asked"));
        listingErrors.forEach((broker, error) -> gaps.add("broker " + broker + " did not list its transactions: " + error));
        return gaps;
    }

    /** Per producer id, what its coordinator reports now; a producer id no answering coordinator knows is absent. */
    private Map<Long, TransactionCheck.Coordinator> coordinators(Set<Long> producerIds, Map<Integer, String> listingErrors) {
        Map<Integer, KafkaFuture<Collection<TransactionListing>>> byBroker = get("the transaction coordinators", () -> admin
                .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds)).byBrokerId()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        List<TransactionListing> listings = new ArrayList<>();
        byBroker.forEach((broker, future) -> {
            try {
                listings.addAll(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing the transactions of broker " + broker, e);
            } catch (ExecutionException e) {
                listingErrors.put(broker, String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                listingErrors.put(broker, "no answer within " + TIMEOUT_SECONDS + " s");
            }
        });
        Map<Long, TransactionCheck.Coordinator> out = new HashMap<>();
        for (TransactionListing l : listings) {
            if (!producerIds.contains(l.producerId())) {
                continue;
            }
            describe(l.transactionalId()).ifPresent(d -> out.put(l.producerId(), new TransactionCheck.Coordinator(l.transactionalId(),
                    d.producerId(), d.state(), d.producerEpoch(), Set.copyOf(d.topicPartitions()))));
        }
        return out;
    }

    /** The leader broker id of every {@code __transaction_state} partition, -1 for none; empty when the topic does not exist yet. */
    private Map<Integer, Integer> transactionStateLeaders() {
        try {
            TopicDescription d = admin.describeTopics(List.of(TRANSACTION_STATE_TOPIC)).topicNameValues().get(TRANSACTION_STATE_TOPIC)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Integer> leaders = new HashMap<>();
            d.partitions().forEach(p -> leaders.put(p.partition(), p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id()));
            return leaders;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // no transaction ever began on this cluster: no coordinator to miss
            }
            throw new IllegalStateException("cannot describe " + TRANSACTION_STATE_TOPIC + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + TRANSACTION_STATE_TOPIC, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe " + TRANSACTION_STATE_TOPIC + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The finalized {@code transaction.version} feature; 0 (transactions v1) when it is not finalized. */
    private int transactionVersion() {
        FinalizedVersionRange v = get("the finalized feature transaction.version", () -> admin.describeFeatures().featureMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).finalizedFeatures().get("transaction.version");
        return v == null ? 0 : v.maxVersionLevel();
    }

    /** The largest {@code transaction.max.timeout.ms} of the brokers that answer; at least one must. */
    private long maxTransactionTimeoutMs() {
        Collection<Node> nodes = get("the brokers", () -> admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        List<ConfigResource> brokers = nodes.stream().map(n -> new ConfigResource(ConfigResource.Type.BROKER, n.idString())).toList();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(brokers).values();
        long max = -1;
        List<String> failed = new ArrayList<>();
        for (ConfigResource broker : brokers) {
            try {
                ConfigEntry e = configs.get(broker).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get("transaction.max.timeout.ms");
                max = Math.max(max, e == null || e.value() == null ? DEFAULT_MAX_TRANSACTION_TIMEOUT_MS : Long.parseLong(e.value()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading transaction.max.timeout.ms of broker " + broker.name(), e);
            } catch (ExecutionException | TimeoutException | NumberFormatException e) {
                failed.add("broker " + broker.name() + ": " + (e instanceof ExecutionException ? e.getCause() : e));
            }
        }
        if (max < 0) {
            throw new IllegalStateException("cannot read transaction.max.timeout.ms of any broker: " + String.join("; ", failed));
        }
        return max;
    }

    /** Writes the abort marker for {@code o} on its partition. */
    @Override
    public void abort(TransactionCheck.Open o) {
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

    private static <T> T get(String what, AdminCalls.Call<T> call) {
        return AdminCalls.get(what, TIMEOUT_SECONDS, call);
    }
}
