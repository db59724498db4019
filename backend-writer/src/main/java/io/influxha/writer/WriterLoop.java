package io.influxha.writer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread, the only thread that touches the consumer. Each turn it applies finished work
 * handed back by HTTP and producer threads, starts what may start, commits what was written,
 * pauses partitions that must not fetch more, and polls (which keeps the group membership alive
 * while partitions retry). A finished future wakes the poll so a write's result is applied at once.
 */
final class WriterLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WriterLoop.class);
    /** Writes of different partitions that may run at once against the one backend. */
    static final int MAX_IN_FLIGHT = 4;
    private static final long MAX_POLL_NANOS = 100_000_000L;
    /** How long an assignment may wait for the group's committed offsets before the writer stops. */
    private static final Duration COMMITTED_TIMEOUT = Duration.ofSeconds(30);

    private record Completion(PartitionState state, Step step, Reply reply) {}

    private final Consumer<byte[], byte[]> consumer;
    private final BackendClient client;
    private final DeadLetters deadLetters;
    private final BatchRules rules;
    private final List<String> topics;
    private final Duration closeTimeout;
    private final AtomicLong pointsWritten = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AppliedDdl appliedDdl = new AppliedDdl();
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionState> states = new LinkedHashMap<>();
    private final Takeovers takeovers;
    private final Offsets offsets;
    private final Schema schema;
    private final Barriers barriers;
    private volatile boolean closing;
    private volatile Exception failure;
    private int inFlight;
    private int rotation;

    WriterLoop(Consumer<byte[], byte[]> consumer, BackendClient client, DeadLetters deadLetters, BatchRules rules,
            List<String> topics, Duration closeTimeout, Schema schema) {
        this.consumer = consumer;
        this.client = client;
        this.deadLetters = deadLetters;
        this.rules = rules;
        this.topics = List.copyOf(topics);
        this.closeTimeout = closeTimeout;
        this.offsets = new Offsets(consumer, rules.backend());
        this.schema = schema;
        this.barriers = new Barriers(consumer, client, schema, deadLetters, rules, this.topics, offsets);
        this.takeovers = new Takeovers(consumer, offsets, rules.backend(), COMMITTED_TIMEOUT);
    }

    /**
     * No request starts when the last poll returned longer ago than {@code limit} (the session
     * timeout less a heartbeat): the group may have given the partitions away meanwhile.
     */
    void silenceLimit(Duration limit) {
        silenceLimitNanos = limit.toNanos();
    }

    private volatile long silenceLimitNanos;
    private long lastPollNanos = System.nanoTime();

    /** Sets how long newly assigned partitions write provisionally when their last owner left no clean handover. */
    void assignmentFence(Duration wait) {
        takeovers.window(wait);
    }

    long pointsWritten() {
        return pointsWritten.get();
    }

    Barriers barriers() {
        return barriers;
    }

    long recordsRead() {
        return recordsRead.get();
    }

    /** The loop stopped on an error it could not handle (not by close()). */
    boolean failed() {
        return failure != null;
    }

    /** What stopped the loop when it {@link #failed()}, else null. */
    Exception failure() {
        return failure;
    }

    boolean closeRequested() {
        return closing;
    }

    /** Asks the loop to finish: stop fetching, write what was read, commit, leave the group. */
    void requestClose() {
        closing = true;
        consumer.wakeup();
    }

    @Override
    public void run() {
        log.info("event=writer_started backend={} topics={}", rules.backend(), topics);
        try {
            consumer.subscribe(topics, new Rebalance());
            long closeDeadline = 0;
            boolean draining = false;
            while (!draining || (!allIdle() && System.nanoTime() - closeDeadline < 0)) {
                if (closing && !draining) {
                    draining = true;
                    closeDeadline = System.nanoTime() + closeTimeout.toNanos();
                }
                turn(draining);
            }
            fenceInFlight(new ArrayList<>(states.keySet()));
            takeovers.markClean(new ArrayList<>(states.keySet()), states);
            offsets.commit();
            log.info("event=writer_stopped backend={} points_written={} unfinished_partitions={}",
                    rules.backend(), pointsWritten.get(), states.values().stream().filter(s -> !s.idle()).count());
        } catch (Exception e) {
            failure = e;
            log.error("event=writer_failed backend={} error=\"{}\"", rules.backend(), e.toString(), e);
        } finally {
            closeQuietly();
        }
    }

    private void turn(boolean draining) {
        long now = System.nanoTime();
        applyCompletions(now);
        takeovers.endWindows(states, now, (tp, assigned) -> new PartitionState(tp, rules, pointsWritten, schema, assigned));
        for (PartitionState s : states.values()) {
            if (draining) {
                s.sealPending();
            } else {
                s.sealIfDue(now);
            }
        }
        barriers.tick(states, now);
        startWork(now);
        offsets.commit();
        updatePauses(draining);
        poll(now);
    }

    private void applyCompletions(long now) {
        Completion c;
        while ((c = completions.poll()) != null) {
            inFlight--;
            PartitionState current = states.get(c.state().tp);
            if (current != c.state()) {
                continue; // revoked meanwhile: its new owner replays from the committed offset
            }
            long commit = current.complete(c.step(), c.reply(), now);
            if (commit != Step.NO_COMMIT) {
                offsets.ready(current.tp, commit);
                current.readyOffset(commit);
            }
            commitFence(current, now);
        }
        commitIdlePositions();
    }

    /** Partitions whose takeover window ended after they had sent something, started again from their commit. */
    long takeoversWrittenAgain() {
        return takeovers.writtenAgain();
    }

    /** Partitions in a takeover window at the last turn. */
    int windowsOpen() {
        return takeovers.windowsOpen();
    }

    /**
     * A fence set on the partition is committed with its head's offset ({@link LateFence}), so that
     * whoever owns the partition next keeps it, even after this writer is killed.
     */
    private void commitFence(PartitionState s, long now) {
        long at = s.takeNewFence(now);
        if (at >= 0) {
            offsets.ready(s.tp, at, LateFence.metadata(s.fenceUntilNanos(), now));
            log.warn("event=late_request_fence backend={} topic={} partition={} offset={} fenced_ms={}", rules.backend(), s.tp.topic(),
                    s.tp.partition(), at, Math.max(0, (s.fenceUntilNanos() - now) / 1_000_000));
        }
    }

    /** Requests in flight on partitions this writer gives up may still land: their fences go with the commit. */
    private void fenceInFlight(Collection<TopicPartition> partitions) {
        long now = System.nanoTime();
        for (TopicPartition tp : partitions) {
            PartitionState s = states.get(tp);
            if (s != null && s.inFlight()) {
                s.fenceInFlight(now);
                commitFence(s, now);
            }
        }
    }

    /**
     * A partition with nothing pending (everything it returned was written) commits its consumer
     * position rather than its last record's offset + 1. The two differ by the transaction markers
     * the router's exactly-once output leaves in the log; committing past them lets the lag against
     * the read_committed end reach zero, which read-your-writes and the lag gauges rely on.
     */
    private void commitIdlePositions() {
        for (PartitionState s : states.values()) {
            if (s.idle() && s.readyOffset() >= 0) {
                long known;
                try {
                    // not blocking: a position still being looked up or validated is read next turn
                    known = Wakeups.absorb(() -> consumer.position(s.tp, Duration.ZERO));
                } catch (WakeupException | org.apache.kafka.common.errors.TimeoutException e) {
                    continue;
                }
                long position = s.capCommit(known);
                if (position > s.readyOffset()) {
                    offsets.ready(s.tp, position);
                    s.readyOffset(position);
                }
            }
        }
    }

    /** Starts steps round-robin over partitions, so a busy partition cannot starve the others. */
    private void startWork(long now) {
        if (silenceLimitNanos > 0 && now - lastPollNanos > silenceLimitNanos) {
            // Paused past what the group allows (a long GC, SIGSTOP): the partitions may be another
            // member's already, whose takeover window counts from our last heartbeat. Poll first.
            return;
        }
        List<PartitionState> order = new ArrayList<>(states.values());
        int n = order.size();
        for (int i = 0; i < n && inFlight < MAX_IN_FLIGHT; i++) {
            PartitionState s = order.get((rotation + i) % n);
            Step step = s.startNext(now);
            if (step != null) {
                inFlight++;
                run(s, step).whenComplete((reply, error) -> {
                    completions.add(new Completion(s, step, reply != null ? reply : Reply.failed(error)));
                    consumer.wakeup();
                });
            }
        }
        rotation = n == 0 ? 0 : (rotation + 1) % n;
    }

    private CompletableFuture<Reply> run(PartitionState s, Step step) {
        if (step instanceof Step.Write w) {
            return client.write(w.segment().db(), w.segment().rp(), w.segment().body());
        }
        if (step instanceof Step.Ddl d) {
            if (appliedDdl.contains(d.id())) {
                return CompletableFuture.completedFuture(Reply.OK);
            }
            return client.query(d.db(), d.statement()).thenApply(reply -> {
                if (reply.classify().decision() == BackendResponse.Decision.SUCCESS) {
                    appliedDdl.applied(d.id());
                }
                return reply;
            });
        }
        if (step instanceof Step.DeadLetter l) {
            return deadLetters.send(s.tp, l);
        }
        return CompletableFuture.completedFuture(Reply.OK);
    }

    private void updatePauses(boolean draining) {
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        Set<TopicPartition> paused = consumer.paused();
        for (PartitionState s : states.values()) {
            boolean want = draining || s.wantsPause();
            if (want && !paused.contains(s.tp)) {
                pause.add(s.tp);
            } else if (!want && paused.contains(s.tp)) {
                resume.add(s.tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void poll(long now) {
        long wake = Long.MAX_VALUE;
        if (inFlight < MAX_IN_FLIGHT) {
            for (PartitionState s : states.values()) {
                wake = Math.min(wake, s.wakeAtNanos(now));
            }
        }
        wake = Math.min(wake, barriers.wakeAtNanos(states, now));
        long timeout = Math.max(0, Math.min(MAX_POLL_NANOS, wake == Long.MAX_VALUE ? MAX_POLL_NANOS : wake - now));
        if (!completions.isEmpty()) {
            return;
        }
        try {
            var records = consumer.poll(Duration.ofNanos(timeout));
            lastPollNanos = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                PartitionState s = states.get(new TopicPartition(record.topic(), record.partition()));
                if (s != null) {
                    s.intake(record, System.nanoTime());
                    recordsRead.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // a finished write or close() wants the loop's attention
        }
    }

    private boolean allIdle() {
        return states.values().stream().allMatch(PartitionState::settled);
    }

    private void closeQuietly() {
        try {
            consumer.close(); // leaves the group so the partitions move at once
        } catch (KafkaException e) {
            log.warn("event=consumer_close_failed backend={} error=\"{}\"", rules.backend(), e.toString());
        }
        deadLetters.close(Duration.ofSeconds(10));
        schema.close();
    }

    /** Runs inside poll(), on the poll thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            barriers.settleBeforeRevoke(partitions, client.settleTimeout());
            fenceInFlight(partitions);
            takeovers.markClean(partitions, states);
            offsets.commit(); // what was written is committed; pending and in-flight work is dropped
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            barriers.settleBeforeRevoke(partitions, client.settleTimeout());
            drop(partitions); // another member may own them already: commit nothing
        }

        /**
         * Every assigned partition starts at its committed offset, the one record of what was
         * written, whatever position the consumer may keep (the cooperative protocol keeps the
         * positions of partitions that stay, past records this writer dropped unwritten). The
         * commit's metadata may also announce a barrier the partition had reached (Barriers),
         * which it must know before its first record to count that statement's copies right.
         * The commits are read here, inside poll and before it returns any record: read after a
         * poll had returned records, a wakeup landing in the read threw those records away while
         * the position had moved past them (the fault suite lost points that way). A failure to
         * read the commits stops the writer; a wakeup in the read is absorbed (Wakeups).
         */
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    Wakeups.absorb(() -> consumer.committed(new HashSet<>(partitions), COMMITTED_TIMEOUT));
            List<TopicPartition> uncommitted = new ArrayList<>();
            List<TopicPartition> claim = new ArrayList<>();
            long now = System.nanoTime();
            for (TopicPartition tp : partitions) {
                PartitionState s = new PartitionState(tp, rules, pointsWritten, schema);
                states.put(tp, s);
                OffsetAndMetadata c = committed.get(tp);
                // A killed owner's requests may land until late_write_bound after it sent them; the
                // group hands its partitions over no sooner than the session timeout less a heartbeat.
                if (takeovers.assigned(s, c, now)) {
                    claim.add(tp);
                }
                if (c == null) {
                    uncommitted.add(tp);
                    continue;
                }
                consumer.seek(tp, c);
                long fencedUntil = LateFence.untilNanos(c.metadata(), now, rules.lateWriteBoundNanos());
                if (fencedUntil != Long.MIN_VALUE) {
                    s.fence(fencedUntil, now);
                    log.warn("event=late_request_fence_inherited backend={} topic={} partition={} fenced_ms={}", rules.backend(),
                            tp.topic(), tp.partition(), Math.max(0, (fencedUntil - now) / 1_000_000));
                }
                Announcement barrier = Announcement.parse(c.metadata());
                if (barrier != null) {
                    s.resumeBarrier(barrier.ids(), barrier.offset());
                }
            }
            if (!uncommitted.isEmpty()) {
                consumer.seekToBeginning(uncommitted); // auto.offset.reset=earliest, also when a position was kept
            }
            takeovers.claim(claim, committed, states, now);
            log.info("event=partitions_assigned backend={} partitions={} starting_at={}", rules.backend(), partitions,
                    partitions.stream().map(tp -> tp.partition() + ":" + (committed.get(tp) == null ? "earliest" : committed.get(tp).offset())).toList());
        }

        private void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                states.remove(tp);
                takeovers.forget(tp);
                offsets.forget(tp);
            }
            if (!partitions.isEmpty()) {
                log.info("event=partitions_revoked backend={} partitions={}", rules.backend(), partitions);
            }
        }
    }
}
