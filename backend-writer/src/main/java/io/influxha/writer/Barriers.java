package io.influxha.writer;

import io.influxha.core.catalog.DdlKinds;

import io.influxha.writer.BackendResponse.Decision;
import io.influxha.writer.BackendResponse.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    /** How often the applier looks at the group's commits while other members' partitions are not there yet. */
    private static final long CHECK_EVERY_NANOS = 100_000_000L;
    /** Looked at again this soon after asking for the catalog's end (the lookup's completion wakes the loop sooner). */
    private static final long CATALOG_RECHECK_NANOS = 20_000_000L;
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
    /** The statement being applied and its recording, or null. */
    private volatile java.util.concurrent.CompletableFuture<?> inFlight;
    /** When each statement was first found reached by every partition: the catalog must be read past it. Bounded by the open stops. */
    private final Map<String, Long> readySince = new java.util.HashMap<>();
    /** Attempts given up on that may still run in the backend. */
    private final EarlierAttempts earlier;
    /** When the statement being applied was sent. */
    private volatile long sentNanos;
    private final LogThrottle runningLog = new LogThrottle(10_000_000_000L);
    /** Voids not yet recorded in the catalog (Kafka unreachable): bounded by the statements met. */
    private final java.util.ArrayDeque<PartitionState.Void> unrecordedVoids = new java.util.ArrayDeque<>();
    private volatile int failures;
    private final java.util.concurrent.atomic.AtomicLong checks = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong checksWithoutMetadata = new java.util.concurrent.atomic.AtomicLong();

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
        this.earlier = new EarlierAttempts(client, rules);
    }

    /** Checks made as the backend's applier. */
    long checks() {
        return checks.get();
    }

    /** Checks that found a topic's partitions unknown. */
    long checksWithoutMetadata() {
        return checksWithoutMetadata.get();
    }

    /**
     * The applier's partition is being taken away: waits (at most {@code max}) for a statement it
     * is applying to be answered and recorded. Otherwise the next applier, not seeing the record
     * yet, would send it again while partitions that saw the record write past the cut.
     */
    void settleBeforeRevoke(java.util.Collection<TopicPartition> revoked, Duration max) {
        if (!revoked.contains(applierPartition)) {
            return;
        }
        java.util.concurrent.CompletableFuture<?> f = inFlight;
        if (f != null) {
            settling = true;
            try {
                f.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("event=barrier_apply_unsettled backend={} statement_id={} waited_ms={}", rules.backend(), applying.get(), max.toMillis());
                String id = applying.get();
                if (id != null) {
                    earlier.givenUp(id, sentNanos); // still running: it may land
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // finish() recorded what it could; the next applier checks again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                settling = false;
            }
        }
        // after the attempt in flight ended: one given up on just now counts too
        waitOutLateAttempts();
    }

    private volatile boolean settling;

    /**
     * Before the applier partition moves: an attempt given up on may still land until
     * late_write_bound after it was sent, and the next applier cannot know of it (influxd's SHOW
     * QUERIES lists it only once it arrived), so the handover waits that out (bounded by the bound).
     */
    private void waitOutLateAttempts() {
        long bound = rules.lateWriteBoundNanos();
        long left = earlier.landingNanos(System.nanoTime());
        if (left <= 0) {
            return;
        }
        log.warn("event=barrier_handover_waits_for_late_attempt backend={} wait_ms={}", rules.backend(), left / 1_000_000);
        settling = true;
        try {
            Thread.sleep(Math.min(left / 1_000_000 + 1, bound / 1_000_000 + 1)); // bounded by late_write_bound: a handover, not a loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            settling = false;
        }
    }

    /** Whether a revocation waits for an apply to settle now (tests wait on it). */
    boolean settling() {
        return settling;
    }

    /** One turn: pass applied barriers, announce new ones, and (as applier) apply what every partition reached. */
    void tick(Map<TopicPartition, PartitionState> states, long now) {
        recordVoids(states);
        PartitionState applier = null;
        boolean announced = false;
        for (PartitionState s : states.values()) {
            Step.Barrier b = s.headBarrier();
            if (b == null || s.provisional()) {
                continue; // in a takeover window nothing is committed, a barrier passed neither
            }
            if (b.ids().stream().allMatch(schema::applied)) {
                b.ids().forEach(readySince::remove);
                offsets.ready(s.tp, s.passBarrier());
                log.info("event=barrier_passed backend={} topic={} partition={} offset={} ddl_ids={}", rules.backend(), s.tp.topic(),
                        s.tp.partition(), b.offset(), b.ids());
                continue;
            }
            if (s.fenced(now)) {
                continue; // a request it gave up on may still land: the stop is not reached until that cannot be
            }
            if (!s.barrierAnnounced()) {
                offsets.ready(s.tp, s.announceBarrier(b), Announcement.metadata(b.ids(), b.offset()));
                announced = true;
                log.info("event=barrier_reached backend={} topic={} partition={} offset={} ddl_ids={} statements=\"{}\"", rules.backend(),
                        s.tp.topic(), s.tp.partition(), b.offset(), b.ids(),
                        String.join("; ", b.statements().stream().map(Step.Barrier.Statement::text).toList()));
            }
            if (s.tp.equals(applierPartition)) {
                applier = s;
            }
        }
        if (applier == null || applying.get() != null) {
            return;
        }
        if (announced) {
            // This member's own announcements count at once: committed now, checked now, not a check period later.
            offsets.commit();
            nextCheckNanos = now;
        }
        if (now - nextCheckNanos >= 0) {
            nextCheckNanos = now + CHECK_EVERY_NANOS;
            maybeApply(applier.headBarrier(), applier.assignedNanos, now);
        }
    }

    /**
     * When the loop must look at the barriers again: the applier's next check while it waits for
     * partitions or the catalog; {@code Long.MAX_VALUE} when it has nothing to check.
     */
    long wakeAtNanos(Map<TopicPartition, PartitionState> states, long now) {
        PartitionState applier = states.get(applierPartition);
        if (applier == null || applier.headBarrier() == null || !applier.barrierAnnounced() || applier.fenced(now)
                || applying.get() != null) {
            return Long.MAX_VALUE;
        }
        return nextCheckNanos;
    }

    /** The catalog must be read to an end seen after {@code sinceNanos}: ask for it now, and check again when it is. */
    private void awaitCatalog(long sinceNanos, long now) {
        schema.lookUpEnd(sinceNanos, consumer::wakeup);
        nextCheckNanos = now + CATALOG_RECHECK_NANOS;
    }

    /**
     * Logs, counts and records in the catalog ({@code applied/<backend>/<id>} = {@code voided: ...})
     * the statements partitions gave up. Every partition gives up the same ones; the record also
     * makes a partition that did see all copies of one (a late copy of an earlier version's
     * gateway) pass it without applying it, so a void wins everywhere.
     */
    private void recordVoids(Map<TopicPartition, PartitionState> states) {
        for (PartitionState s : states.values()) {
            for (PartitionState.Void v : s.drainVoids()) {
                WriterMeters.ddlVoided(rules.backend());
                log.warn("event=ddl_voided backend={} topic={} partition={} offset={} ddl_id={} statement=\"{}\" reason=\"{}\"", rules.backend(),
                        s.tp.topic(), s.tp.partition(), v.firstOffset(), v.statement().id(), v.statement().text(), v.reason());
                unrecordedVoids.add(v);
            }
        }
        while (!unrecordedVoids.isEmpty()) {
            PartitionState.Void v = unrecordedVoids.peekFirst();
            try {
                if (!schema.applied(v.statement().id())) {
                    schema.markApplied(v.statement().id(), io.influxha.core.catalog.Catalog.VOIDED + v.reason() + "; statement: " + v.statement().text());
                }
                unrecordedVoids.removeFirst();
            } catch (RuntimeException e) {
                log.warn("event=ddl_void_record_failed backend={} ddl_id={} error=\"{}\"", rules.backend(), v.statement().id(), e.toString());
                return; // tried again on the next turn
            }
        }
    }

    /**
     * Applies one statement of the applier's head barrier that every partition has reached. With
     * interleaved statements partitions may stop at different sets; any statement present in all
     * of them goes first, which is what lets each partition move on to the rest.
     */
    private void maybeApply(Step.Barrier b, long assignedNanos, long now) {
        Map<String, List<TopicPartition>> waiting = new java.util.LinkedHashMap<>();
        if (!schema.readToEndSince(assignedNanos)) {
            // The member that had this partition before may have applied the statement: its record
            // was written before this assignment, so a catalog read to an end seen since then has it.
            checks.incrementAndGet();
            awaitCatalog(assignedNanos, now);
            if (waitLog.allow(now)) {
                log.info("event=barrier_waiting_for_catalog backend={} ddl_ids={}", rules.backend(), b.ids());
            }
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOfAll();
            for (Step.Barrier.Statement st : b.statements()) {
                if (schema.applied(st.id())) {
                    continue;
                }
                List<TopicPartition> notThere = Announcement.notAt(st.id(), committed);
                if (notThere.isEmpty() && !st.incarnation().isEmpty() && !DdlKinds.dropsDatabase(st.text())) {
                    // Accepted for one incarnation of its database: if that was dropped (and perhaps
                    // created again by a CREATE another member applied), the statement has nothing
                    // left to change. Judged on the catalog read to an end seen after this check began.
                    // Not a DROP DATABASE: the catalog shows the incarnation it ends dropped from the
                    // moment it was accepted (one transaction), and it must still run.
                    long since = readySince.computeIfAbsent(st.id(), k -> now);
                    if (!schema.readToEndSince(since)) {
                        checks.incrementAndGet();
                        awaitCatalog(since, now);
                        return;
                    }
                    if (schema.incarnation(st.db(), st.incarnation(), since) == io.influxha.core.catalog.Catalog.Incarnation.DROPPED) {
                        try {
                            schema.markApplied(st.id(), "skipped: incarnation " + st.incarnation() + " of database " + st.db()
                                    + " was dropped before this statement applied");
                        } catch (RuntimeException e) {
                            log.warn("event=barrier_record_failed backend={} ddl_id={} error=\"{}\"", rules.backend(), st.id(), e.toString());
                            return;
                        }
                        readySince.remove(st.id());
                        log.info("event=barrier_skipped backend={} ddl_id={} statement=\"{}\" reason=\"its database incarnation was dropped\"",
                                rules.backend(), st.id(), st.text());
                        return;
                    }
                }
                if (notThere.isEmpty()) {
                    String running = earlier.running(st, assignedNanos, now);
                    if (running != null) {
                        checks.incrementAndGet();
                        nextCheckNanos = now + Math.min(1_000_000_000L, Math.max(CHECK_EVERY_NANOS, rules.backoff().delayNanos(1, null)));
                        if (runningLog.allow(now)) {
                            log.info("event=barrier_waiting_for_earlier_attempt backend={} ddl_id={} statement=\"{}\" reason=\"{}\"",
                                    rules.backend(), st.id(), st.text(), running);
                        }
                        return;
                    }
                    applying.set(st.id());
                    sentNanos = System.nanoTime();
                    inFlight = client.query(st.db(), st.text())
                            .whenComplete((reply, error) -> finish(b, st, reply != null ? reply : Reply.failed(error)));
                    return;
                }
                waiting.put(st.id(), notThere);
            }
            checks.incrementAndGet();
        } catch (KafkaException | UnknownPartitions e) {
            checks.incrementAndGet();
            if (waitLog.allow(now)) {
                log.warn("event=barrier_check_failed backend={} ddl_ids={} error=\"{}\"", rules.backend(), b.ids(), e.toString());
            }
            return;
        }
        if (waitLog.allow(now)) {
            log.info("event=barrier_waiting backend={} partitions_not_there={}", rules.backend(), waiting);
        }
    }

    /** A topic whose partitions the consumer could not learn: no check can be made. */
    private static final class UnknownPartitions extends RuntimeException {
        UnknownPartitions(String topic) {
            super("the partitions of topic " + topic + " are unknown (no metadata)", null, false, false);
        }
    }

    /**
     * The group's committed offsets of every partition of this backend's topics. Fails closed: a
     * topic whose partitions are unknown stops the check, because judging by this member's own
     * assignment would apply before the members owning the others reached the cut.
     */
    private Map<TopicPartition, OffsetAndMetadata> committedOfAll() {
        Set<TopicPartition> all = new HashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = Wakeups.absorb(() -> consumer.partitionsFor(topic, COMMITTED_TIMEOUT));
            if (infos == null || infos.isEmpty()) {
                checksWithoutMetadata.incrementAndGet();
                throw new UnknownPartitions(topic);
            }
            infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
        all.forEach(tp -> committed.put(tp, null));
        committed.putAll(Wakeups.absorb(() -> consumer.committed(all, COMMITTED_TIMEOUT)));
        return committed;
    }

    /** On an HTTP thread: record the outcome, or leave the barrier for the next check. */
    private void finish(Step.Barrier b, Step.Barrier.Statement st, Reply reply) {
        try {
            Outcome outcome = reply.classify();
            if (outcome.decision() == Decision.SUCCESS || outcome.decision() == Decision.CREATE_DATABASE) {
                // "database not found": there is nothing to drop or delete on this backend.
                schema.markApplied(st.id(), "ok");
                failures = 0;
                log.info("event=barrier_applied backend={} ddl_id={} statement=\"{}\"", rules.backend(), st.id(), st.text());
            } else if (outcome.decision() == Decision.REJECT || outcome.decision() == Decision.WAIT_FOR_RETENTION_POLICY) {
                // A policy missing at the cut stays missing: every statement that could create it is before the cut.
                log.error("event=ddl_rejected backend={} ddl_id={} statement=\"{}\" reason=\"{}\"", rules.backend(), st.id(),
                        st.text(), outcome.reason());
                deadLetters.send(applierPartition, new Step.DeadLetter(st.db(), "", st.text().getBytes(StandardCharsets.UTF_8),
                        b.offset(), outcome.reason(), b.commitOffset())).get();
                schema.markApplied(st.id(), outcome.reason());
            } else {
                failures++;
                if (reply.mayStillLand()) {
                    earlier.givenUp(st.id(), sentNanos);
                }
                nextCheckNanos = System.nanoTime() + rules.backoff().delayNanos(failures, reply.retryAfter());
                log.warn("event=barrier_retry backend={} ddl_id={} decision={} reason=\"{}\"", rules.backend(), st.id(), outcome.decision(),
                        outcome.reason());
            }
        } catch (Exception e) {
            failures++;
            nextCheckNanos = System.nanoTime() + rules.backoff().delayNanos(failures, null);
            log.warn("event=barrier_record_failed backend={} ddl_id={} error=\"{}\"", rules.backend(), st.id(), e.toString());
        } finally {
            applying.set(null);
            consumer.wakeup();
        }
    }
}
