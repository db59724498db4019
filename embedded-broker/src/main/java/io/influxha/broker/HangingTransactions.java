package io.influxha.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and ends hanging transactions on the single node: a producer's transaction that a
 * partition still holds open although its coordinator is no longer running it. An open
 * transaction holds the partition's last stable offset, so a read_committed consumer (every
 * writer, the router) stops there for good.
 *
 * <p>Why the embedded broker needs this: after a kill -9 the restarted broker's transaction
 * coordinator may finish a prepared commit before its metadata knows the partitions' leaders.
 * It then records the commit as complete without writing a marker anywhere (seen in the fault
 * suite: {@code CompleteCommit} in {@code __transaction_state}, no marker on the shard partitions
 * or on {@code __consumer_offsets}). The router then waits forever for its offsets to become
 * stable, and the writers for the shard partitions' last stable offset.
 *
 * <p>What it does (KIP-664's {@code kafka-transactions.sh find-hanging} and {@code abort}): a
 * transaction is hanging when a partition reports it open for longer than the broker's
 * {@code transaction.max.timeout.ms} plus a margin, and the coordinator does not list it as an
 * ongoing transaction of that producer epoch on that partition. It is aborted on every partition
 * only when it is also open on {@code __consumer_offsets}: then the consumed offsets it carried
 * were never committed either, so the router reads that input again and nothing is lost (what
 * was routed twice is the same points, and InfluxDB writes are idempotent). A hanging transaction
 * whose offsets did commit cannot be ended without losing its output: it is reported, not
 * touched.
 */
final class HangingTransactions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);
    static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final long CALL_TIMEOUT_MS = 30_000;

    /** One partition's open transaction, as the partition's leader reports it. */
    record Open(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch, long lastTimestampMs) {}

    /** What to do about the open transactions of one producer epoch. */
    record Decision(long producerId, int producerEpoch, boolean abort, List<Open> partitions) {}

    /** One client for the broker's lifetime, not one per pass. */
    private final Admin admin;
    private final long hangAfterMs;
    private final ScheduledExecutorService timer;
    /** Producer epochs already reported as hanging and not aborted: reported once, not every pass. */
    private final Set<List<Long>> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

    HangingTransactions(String bootstrapServers, Duration hangAfter) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        this.hangAfterMs = hangAfter.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hanging-transactions");
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::checkQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check(System.currentTimeMillis());
        } catch (Exception e) {
            log.warn("event=hanging_transactions_check_failed error=\"{}\"", e.toString());
        }
    }

    /** One pass: returns the decisions it acted on (aborted or reported). */
    List<Decision> check(long nowMs) throws Exception {
        List<Open> open = openTransactions(admin);
        Map<Long, List<TransactionDescription>> running = running(admin, open);
        List<Decision> decisions = decide(open, running, nowMs, hangAfterMs);
        for (Decision d : decisions) {
            if (d.abort()) {
                for (Open o : d.partitions()) {
                    admin.abortTransaction(new AbortTransactionSpec(o.partition(), o.producerId(), (short) o.producerEpoch(),
                            o.coordinatorEpoch())).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
                log.warn("event=hanging_transaction_aborted producer_id={} producer_epoch={} partitions={} reason=\"open for more than"
                        + " {} ms on partitions whose coordinator no longer runs it; its consumed offsets did not commit either, so its"
                        + " input is read again\"", d.producerId(), d.producerEpoch(), partitions(d), hangAfterMs);
            } else if (reported.add(List.of(d.producerId(), (long) d.producerEpoch()))) {
                log.error("event=hanging_transaction producer_id={} producer_epoch={} partitions={} reason=\"open for more than {} ms"
                        + " although its coordinator no longer runs it, and not open on {}: its offsets may have committed, so"
                        + " aborting it could lose its records; inspect with kafka-transactions.sh describe-producers and decide\"",
                        d.producerId(), d.producerEpoch(), partitions(d), hangAfterMs, OFFSETS_TOPIC);
            }
        }
        return decisions;
    }

    private static List<String> partitions(Decision d) {
        return d.partitions().stream().map(o -> o.partition().toString()).toList();
    }

    /**
     * The hanging transactions among {@code open}, grouped per producer epoch. {@code running}
     * holds, per producer id, what its coordinator says it is doing.
     */
    static List<Decision> decide(List<Open> open, Map<Long, List<TransactionDescription>> running, long nowMs, long hangAfterMs) {
        Map<List<Long>, List<Open>> hanging = new LinkedHashMap<>();
        for (Open o : open) {
            if (nowMs - o.lastTimestampMs() <= hangAfterMs || runByCoordinator(o, running.getOrDefault(o.producerId(), List.of()))) {
                continue;
            }
            hanging.computeIfAbsent(List.of(o.producerId(), (long) o.producerEpoch()), k -> new ArrayList<>()).add(o);
        }
        List<Decision> decisions = new ArrayList<>();
        hanging.forEach((key, partitions) -> {
            boolean offsetsPending = partitions.stream().anyMatch(o -> o.partition().topic().equals(OFFSETS_TOPIC));
            decisions.add(new Decision(key.get(0), key.get(1).intValue(), offsetsPending, List.copyOf(partitions)));
        });
        return decisions;
    }

    private static boolean runByCoordinator(Open o, List<TransactionDescription> descriptions) {
        for (TransactionDescription d : descriptions) {
            boolean active = d.state() == TransactionState.ONGOING || d.state() == TransactionState.PREPARE_COMMIT
                    || d.state() == TransactionState.PREPARE_ABORT;
            // Transactions v2 bump the epoch when a transaction ends, so a prepared one may show the next epoch.
            boolean sameEpoch = d.producerEpoch() == o.producerEpoch() || d.producerEpoch() == o.producerEpoch() + 1;
            if (active && sameEpoch && (d.topicPartitions().isEmpty() || d.topicPartitions().contains(o.partition()))) {
                return true;
            }
        }
        return false;
    }

    private static List<Open> openTransactions(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
        List<Open> open = new ArrayList<>();
        var result = admin.describeProducers(partitions).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        result.forEach((tp, producers) -> {
            for (ProducerState p : producers.activeProducers()) {
                if (p.currentTransactionStartOffset().isPresent()) {
                    open.add(new Open(tp, p.producerId(), p.producerEpoch(), p.coordinatorEpoch().orElse(0), p.lastTimestamp()));
                }
            }
        });
        return open;
    }

    private static Map<Long, List<TransactionDescription>> running(Admin admin, List<Open> open) throws Exception {
        Set<Long> producerIds = new HashSet<>();
        open.forEach(o -> producerIds.add(o.producerId()));
        Map<Long, List<TransactionDescription>> running = new HashMap<>();
        if (producerIds.isEmpty()) {
            return running;
        }
        var listings = admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds)).all()
                .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<String> ids = listings.stream().map(TransactionListing::transactionalId).toList();
        if (ids.isEmpty()) {
            return running;
        }
        admin.describeTransactions(ids).all().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .values().forEach(d -> running.computeIfAbsent(d.producerId(), k -> new ArrayList<>()).add(d));
        return running;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
