package io.influxha.writer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this writer takes partitions over and hands them on (docs/ddl-through-the-log.md, "Taking a
 * partition over"): a partition whose last owner may have left a request running gets a takeover
 * window ({@link PartitionState#provisional(long, long, long)}) and is started again from its
 * assigned commit when the window ends; one taken without a window is first committed at its
 * start without metadata ({@link Handover}); one given up with nothing that may still land is
 * committed as a clean handover. Touched only by the poll thread, apart from the counters.
 */
final class Takeovers {
    private static final Logger log = LoggerFactory.getLogger(Takeovers.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Offsets offsets;
    private final String backend;
    private final Duration timeout;
    /** The commit each partition was assigned at (null: none), where a takeover window's end starts it again. */
    private final Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
    private final AtomicLong writtenAgain = new AtomicLong();
    private volatile int windowsOpen;
    /** How long a partition taken over without a clean handover writes provisionally ({@link LateFence#afterAssignment}). */
    private volatile long windowNanos;

    Takeovers(Consumer<byte[], byte[]> consumer, Offsets offsets, String backend, Duration timeout) {
        this.consumer = consumer;
        this.offsets = offsets;
        this.backend = backend;
        this.timeout = timeout;
    }

    void window(Duration length) {
        windowNanos = length.toNanos();
    }

    /**
     * A partition assigned from {@code commit}: opens its window when its last owner may have left
     * a request running, and answers whether it is to be claimed instead ({@link #claim}).
     */
    boolean assigned(PartitionState s, OffsetAndMetadata commit, long now) {
        starts.put(s.tp, commit);
        if (Handover.mayHaveLeftRequests(commit)) {
            s.provisional(now + windowNanos, now, commit.offset());
            return false;
        }
        return true;
    }

    /**
     * Partitions taken with no window (a clean handover, or never committed) are committed at
     * their start, without metadata, before their first request: a writer killed after this point
     * leaves an ordinary commit, so its successor opens a takeover window. If that commit fails,
     * they open a window themselves.
     */
    void claim(List<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed,
            Map<TopicPartition, PartitionState> states, long now) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> claimed = new HashMap<>();
        try {
            List<TopicPartition> fresh = partitions.stream().filter(tp -> committed.get(tp) == null).toList();
            Map<TopicPartition, Long> beginning = fresh.isEmpty() ? Map.of() : Wakeups.absorb(() -> consumer.beginningOffsets(fresh, timeout));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                claimed.put(tp, new OffsetAndMetadata(c != null ? c.offset() : beginning.get(tp)));
            }
            Wakeups.absorb(() -> {
                consumer.commitSync(claimed, timeout);
                return null;
            });
            starts.putAll(claimed);
        } catch (KafkaException | NullPointerException e) {
            log.warn("event=takeover_claim_failed backend={} partitions={} error=\"{}\" effect=\"they open a takeover window\"",
                    backend, partitions, e.toString());
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata start = claimed.getOrDefault(tp, committed.get(tp)); // null: from the beginning
                starts.put(tp, start);
                states.get(tp).provisional(now + windowNanos, now, start == null ? -1 : start.offset());
            }
        }
    }

    /**
     * Ends the windows whose time has come: a partition that sent something in its window is
     * started again from the commit it was assigned at ({@code fresh} makes its new state), so the
     * same records are written once more, now that nothing its last owner left running can land
     * after them; one that sent nothing commits what it passed over as usual.
     */
    void endWindows(Map<TopicPartition, PartitionState> states, long now, BiFunction<TopicPartition, Long, PartitionState> fresh) {
        List<PartitionState> again = new ArrayList<>();
        int open = 0;
        for (PartitionState s : states.values()) {
            PartitionState.WindowEnd end = s.endWindow(now);
            if (end == PartitionState.WindowEnd.WRITE_AGAIN) {
                again.add(s);
            } else if (end == PartitionState.WindowEnd.OPEN) {
                open++;
            } else if (end == PartitionState.WindowEnd.CLOSED && s.readyOffset() < 0 && starts.get(s.tp) != null) {
                s.readyOffset(starts.get(s.tp).offset());
            }
        }
        windowsOpen = open;
        for (PartitionState s : again) {
            OffsetAndMetadata start = starts.get(s.tp);
            PartitionState next = fresh.apply(s.tp, s.assignedNanos);
            Announcement barrier = start == null ? null : Announcement.parse(start.metadata());
            if (barrier != null) {
                next.resumeBarrier(barrier.ids(), barrier.offset());
            }
            states.put(s.tp, next);
            offsets.forget(s.tp);
            if (start == null) {
                consumer.seekToBeginning(List.of(s.tp));
            } else {
                consumer.seek(s.tp, start);
            }
            writtenAgain.incrementAndGet();
            WriterMeters.takeoverWrittenAgain(backend);
            log.info("event=takeover_written_again backend={} topic={} partition={} from={}", backend, s.tp.topic(), s.tp.partition(),
                    start == null ? "earliest" : Long.toString(start.offset()));
        }
    }

    /**
     * Partitions given up with nothing in flight and nothing that may still land are committed as
     * a clean handover, so that their next owner need not open a takeover window.
     */
    void markClean(Collection<TopicPartition> partitions, Map<TopicPartition, PartitionState> states) {
        long now = System.nanoTime();
        for (TopicPartition tp : partitions) {
            PartitionState s = states.get(tp);
            long at = offsets.latest(tp);
            if (s != null && at >= 0 && s.cleanForHandover(now)) {
                offsets.ready(tp, at, Handover.CLEAN);
            }
        }
    }

    void forget(TopicPartition tp) {
        starts.remove(tp);
    }

    /** Partitions whose takeover window ended after they had sent something, started again from their commit. */
    long writtenAgain() {
        return writtenAgain.get();
    }

    /** Partitions in a takeover window at the last turn. */
    int windowsOpen() {
        return windowsOpen;
    }
}
