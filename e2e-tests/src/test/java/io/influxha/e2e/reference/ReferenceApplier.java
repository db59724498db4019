package io.influxha.e2e.reference;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cut semantics of docs/ddl-through-the-log.md, applied plainly: single-threaded, one request
 * per record, no batching, no retries, sharing no code with backend-writer. Over the shard topics
 * (every partition of every topic, read whole), in an order an {@link Interleaving} chooses:
 * <ul>
 *   <li>data is written in partition order;</li>
 *   <li>CREATE is applied when a copy is first met, in any partition;</li>
 *   <li>DROP, DELETE and ALTER: a partition passes copies before a statement's last one (the
 *       N-th distinct {@code ddl_copy}, or the N-th copy when the header is absent) and stops at
 *       it, unless another statement's copies are still incomplete there: then it goes on to that
 *       one's last copy and both share the stop. When no partition can move, the first statement
 *       of the first partition's stop (topics by name, partition 0 first) that every partition's
 *       stop holds is applied; partitions whose stop is all applied move on;</li>
 *   <li>a statement whose copies are incomplete in some partition can never be applied: it is
 *       voided (never applied, its copies passed over) and reported;</li>
 *   <li>what influxd refuses is skipped.</li>
 * </ul>
 */
public final class ReferenceApplier {
    /** The ingest partition a DDL copy was written to; set by gateways that identify copies. */
    public static final String DDL_COPY = "ddl_copy";

    private final List<PartitionCursor> cursors = new ArrayList<>();
    private final ReferenceBackend backend;
    private final Interleaving order;
    private final Set<String> voided;
    private final Set<String> created = new HashSet<>();
    private final Set<String> applied = new HashSet<>();
    private final ReferenceResult result;

    private ReferenceApplier(Map<String, Map<Integer, List<LogRecord>>> shardTopics, URI influxd, Interleaving order) {
        new TreeMap<>(shardTopics).forEach((topic, partitions) -> partitions.forEach((p, records) -> cursors.add(new PartitionCursor(records))));
        this.backend = new ReferenceBackend(influxd);
        this.order = order;
        this.result = new ReferenceResult(order.name());
        this.voided = incompleteBarriers(shardTopics, result);
    }

    /** Applies {@code shardTopics} (topic → partition → records) to the influxd at {@code influxd}. */
    public static ReferenceResult apply(Map<String, Map<Integer, List<LogRecord>>> shardTopics, URI influxd, Interleaving order) {
        ReferenceApplier applier = new ReferenceApplier(shardTopics, influxd, order);
        applier.run();
        return applier.result;
    }

    private void run() {
        long bound = cursors.stream().mapToLong(c -> c.records.size()).sum() * 2 + 10;
        for (long i = 0; i < bound; i++) {
            List<Integer> movable = new ArrayList<>();
            for (int c = 0; c < cursors.size(); c++) {
                if (cursors.get(c).canMove()) {
                    movable.add(c);
                }
            }
            if (!movable.isEmpty()) {
                step(cursors.get(movable.get(order.next(movable))));
            } else if (cursors.stream().noneMatch(c -> c.stop != null)) {
                return;
            } else if (!applyOne()) {
                result.problem("stuck: no statement is in every partition's stop: " + stops());
                return;
            }
        }
        result.problem("did not finish within " + bound + " steps");
    }

    private void step(PartitionCursor c) {
        LogRecord r = c.records.get(c.pos++);
        if (!r.ddl()) {
            result.write(backend.write(r.db(), r.rp(), r.value()));
            return;
        }
        String text = r.value().strip();
        if (!isBarrier(text)) {
            if (created.add(r.ddlId())) {
                result.statement(r.ddlId(), text, backend.statement(r.db(), text));
            }
            return;
        }
        if (voided.contains(r.ddlId()) || applied.contains(r.ddlId()) || c.inStop(r.ddlId())) {
            return; // a voided statement, or a copy beyond the last one
        }
        c.open.computeIfAbsent(r.ddlId(), id -> new Copies(r)).add(r);
        if (c.open.values().stream().allMatch(Copies::complete)) {
            c.stop = new ArrayList<>(c.open.values().stream().map(Copies::first).toList());
            c.open.clear();
        }
    }

    /** Applies one statement that every partition's stop holds; false when there is none. */
    private boolean applyOne() {
        List<LogRecord> candidates = new ArrayList<>();
        cursors.stream().filter(c -> c.stop != null).forEach(c -> candidates.addAll(c.stop));
        for (LogRecord s : candidates) {
            if (cursors.stream().allMatch(c -> c.inStop(s.ddlId()))) {
                applied.add(s.ddlId());
                result.statement(s.ddlId(), s.value().strip(), backend.statement(s.db(), s.value().strip()));
                for (PartitionCursor c : cursors) {
                    c.stop.removeIf(x -> x.ddlId().equals(s.ddlId()));
                    c.stop = c.stop.isEmpty() ? null : c.stop;
                }
                return true;
            }
        }
        return false;
    }

    /** Barrier statements whose copies are not complete in every partition of every shard topic. */
    private static Set<String> incompleteBarriers(Map<String, Map<Integer, List<LogRecord>>> shardTopics, ReferenceResult result) {
        Map<String, LogRecord> barriers = new LinkedHashMap<>();
        shardTopics.values().forEach(ps -> ps.values().forEach(rs -> rs.stream()
                .filter(r -> r.ddl() && isBarrier(r.value().strip())).forEach(r -> barriers.putIfAbsent(r.ddlId(), r))));
        Set<String> incomplete = new HashSet<>();
        barriers.forEach((id, first) -> shardTopics.forEach((topic, ps) -> ps.forEach((p, rs) -> {
            Copies copies = new Copies(first);
            rs.stream().filter(r -> r.ddl() && r.ddlId().equals(id)).forEach(copies::add);
            if (!copies.complete() && incomplete.add(id)) {
                result.problem("voided: statement " + id + " \"" + first.value().strip() + "\" has " + copies + " of "
                        + first.ddlCopies() + " copies in " + topic + "/" + p + ": no backend can ever apply it");
            }
        })));
        return incomplete;
    }

    static boolean isBarrier(String text) {
        String first = text.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return first.equals("DROP") || first.equals("DELETE") || first.equals("ALTER");
    }

    private String stops() {
        List<String> out = new ArrayList<>();
        for (PartitionCursor c : cursors) {
            out.add(c.where() + "=" + (c.stop == null ? "-" : c.stop.stream().map(LogRecord::ddlId).toList()));
        }
        return String.join(" ", out);
    }

    /** One partition: its records, where it is, the statements met and not complete, its stop. */
    private static final class PartitionCursor {
        final List<LogRecord> records;
        final Map<String, Copies> open = new LinkedHashMap<>();
        int pos;
        List<LogRecord> stop;

        PartitionCursor(List<LogRecord> records) {
            this.records = records;
        }

        boolean canMove() {
            return stop == null && pos < records.size();
        }

        boolean inStop(String id) {
            return stop != null && stop.stream().anyMatch(r -> r.ddlId().equals(id));
        }

        String where() {
            return records.isEmpty() ? "(empty)" : records.get(0).topic() + "/" + records.get(0).partition() + "@" + pos;
        }
    }
}
