package io.influxha.writer;

import io.influxha.writer.BackendResponse.Decision;
import io.influxha.writer.BackendResponse.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies DROP, DELETE and ALTER statements at the same point of the log on every backend
 * (docs/ddl-through-the-log.md). A partition that reaches a statement's last copy has written
 * everything before it; it commits the copy's offset with metadata {@code ddl:<id>@<offset>} (its
 * announcement) and waits. The member owning the backend's first partition (first topic by name,
 * partition 0) is the applier: once the group's committed offsets show every partition of the
 * backend's topics announcing the same statement, it sends the statement once and records
 * {@code applied/<backend>/<id>} in the catalog. Every partition that sees that record commits
 * past its copy and goes on. All barrier state is in Kafka (commits and catalog), so a restart or
 * a rebalance resumes it. Runs on the poll thread, except the statement's HTTP call.
 */
final class Barriers {
    private static final Logger log = LoggerFactory.getLogger(Barriers.class);
    static final String METADATA_PREFIX = "ddl:";
    private static final long CHECK_EVERY_NANOS = 200_000_000L;
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final BackendClient client;
    private final Schema schema;
    private final DeadLetters deadLetters;
    private final BatchRules rules;
    private final List<String> topics;
    private final Offsets offsets;
    private final TopicPartition applierPartition;
    private final LogThrottle waitLog = new LogThrottle(30_000_000_000L);
    /** The statement being applied (its HTTP call in flight), or null. */
    private final AtomicReference<String> applying = new AtomicReference<>();
    private volatile long nextCheckNanos;
    private volatile int failures;

    Barriers(Consumer<byte[], byte[]> consumer, BackendClient client, Schema schema, DeadLetters deadLetters, BatchRules rules,
            List<String> topics, Offsets offsets) {
        this.consumer = consumer;
        this.client = client;
        this.schema = schema;
        this.deadLetters = deadLetters;
        this.rules = rules;
        this.topics = topics.stream().sorted().toList();
        this.offsets = offsets;
        this.applierPartition = new TopicPartition(this.topics.get(0), 0);
    }

    static String metadata(String id, long offset) {
        return METADATA_PREFIX + id + "@" + offset;
    }

    /** Reads a commit's metadata back: {id, offset}, or null when it announces no barrier. */
    static String[] parseMetadata(String metadata) {
        if (metadata == null || !metadata.startsWith(METADATA_PREFIX)) {
            return null;
        }
        int at = metadata.lastIndexOf('@');
        if (at <= METADATA_PREFIX.length()) {
            return null;
        }
        return new String[] {metadata.substring(METADATA_PREFIX.length(), at), metadata.substring(at + 1)};
    }

    /** One turn: pass applied barriers, announce new ones, and (as applier) apply when all are there. */
    void tick(Map<TopicPartition, PartitionState> states, long now) {
        for (PartitionState s : states.values()) {
            Step.Barrier b = s.headBarrier();
            if (b == null) {
                continue;
            }
            if (schema.applied(b.id())) {
                offsets.ready(s.tp, s.passBarrier());
                log.info("event=barrier_passed backend={} topic={} partition={} offset={} ddl_id={}", rules.backend(), s.tp.topic(),
                        s.tp.partition(), b.offset(), b.id());
                continue;
            }
            if (!s.barrierAnnounced()) {
                offsets.ready(s.tp, s.announceBarrier(b), metadata(b.id(), b.offset()));
                log.info("event=barrier_reached backend={} topic={} partition={} offset={} ddl_id={} statement=\"{}\"", rules.backend(),
                        s.tp.topic(), s.tp.partition(), b.offset(), b.id(), b.statement());
            }
            if (s.tp.equals(applierPartition) && applying.get() == null && now - nextCheckNanos >= 0) {
                nextCheckNanos = now + CHECK_EVERY_NANOS;
                maybeApply(b, now);
            }
        }
    }

    private void maybeApply(Step.Barrier b, long now) {
        List<TopicPartition> waiting;
        try {
            waiting = notYetAt(b.id());
        } catch (KafkaException e) {
            log.warn("event=barrier_check_failed backend={} ddl_id={} error=\"{}\"", rules.backend(), b.id(), e.toString());
            return;
        }
        if (!waiting.isEmpty()) {
            if (waitLog.allow(now)) {
                log.info("event=barrier_waiting backend={} ddl_id={} partitions_not_there={}", rules.backend(), b.id(), waiting);
            }
            return;
        }
        applying.set(b.id());
        client.query(b.db(), b.statement()).whenComplete((reply, error) -> finish(b, reply != null ? reply : Reply.failed(error)));
    }

    /** Partitions of this backend's topics whose committed offset does not announce {@code id}. */
    private List<TopicPartition> notYetAt(String id) {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, COMMITTED_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                consumer.assignment().stream().filter(tp -> tp.topic().equals(topic)).forEach(all::add);
            } else {
                infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(all, COMMITTED_TIMEOUT);
        List<TopicPartition> waiting = new ArrayList<>();
        for (TopicPartition tp : all) {
            OffsetAndMetadata c = committed.get(tp);
            String[] at = c == null ? null : parseMetadata(c.metadata());
            if (at == null || !at[0].equals(id)) {
                waiting.add(tp);
            }
        }
        waiting.sort(java.util.Comparator.comparing(TopicPartition::toString));
        return waiting;
    }

    /** On an HTTP thread: record the outcome, or leave the barrier for the next check. */
    private void finish(Step.Barrier b, Reply reply) {
        try {
            Outcome outcome = reply.classify();
            if (outcome.decision() == Decision.SUCCESS || outcome.decision() == Decision.CREATE_DATABASE) {
                // "database not found": there is nothing to drop or delete on this backend.
                schema.markApplied(b.id(), "ok");
                failures = 0;
                log.info("event=barrier_applied backend={} ddl_id={} statement=\"{}\"", rules.backend(), b.id(), b.statement());
            } else if (outcome.decision() == Decision.REJECT) {
                log.error("event=ddl_rejected backend={} ddl_id={} statement=\"{}\" reason=\"{}\"", rules.backend(), b.id(),
                        b.statement(), outcome.reason());
                deadLetters.send(applierPartition, new Step.DeadLetter(b.db(), "", b.statement().getBytes(StandardCharsets.UTF_8),
                        b.offset(), outcome.reason(), b.commitOffset())).get();
                schema.markApplied(b.id(), outcome.reason());
            } else {
                failures++;
                nextCheckNanos = System.nanoTime() + rules.backoff().delayNanos(failures, reply.retryAfter());
                log.warn("event=barrier_retry backend={} ddl_id={} decision={} reason=\"{}\"", rules.backend(), b.id(), outcome.decision(),
                        outcome.reason());
            }
        } catch (Exception e) {
            failures++;
            nextCheckNanos = System.nanoTime() + rules.backoff().delayNanos(failures, null);
            log.warn("event=barrier_record_failed backend={} ddl_id={} error=\"{}\"", rules.backend(), b.id(), e.toString());
        } finally {
            applying.set(null);
            consumer.wakeup();
        }
    }
}
