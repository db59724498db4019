package io.influxha.e2e.reference;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 *   <li>DROP, DELETE and ALTER: each partition stops where {@link PartitionStops} says; when no
 *       partition can move, the first statement of the first partition's stop (topics by name,
 *       partition 0 first) that every partition's stop holds is applied, and partitions whose stop
 *       is all applied move on;</li>
 *   <li>a statement whose copies are incomplete in some partition can never be applied: it is
 *       voided (never applied, its copies passed over) and reported;</li>
 *   <li>a record naming a database incarnation ({@code db_inc}) that a DROP DATABASE, or a CREATE
 *       DATABASE of a newer one, met earlier in its partition ended is skipped (data not written,
 *       statements not applied); a barrier statement is skipped when a partition at its stop
 *       knows its incarnation ended; the same for a policy incarnation ({@code rp_inc}) that a
 *       DROP RETENTION POLICY or a CREATE of a newer one ended (data and CREATE copies only);</li>
 *   <li>what influxd refuses is skipped.</li>
 * </ul>
 */
public final class ReferenceApplier {
    private final List<PartitionCursor> cursors = new ArrayList<>();
    private final ReferenceBackend backend;
    private final Interleaving order;
    private final Set<String> created = new HashSet<>();
    private final ReferenceResult result;

    private ReferenceApplier(Map<String, Map<Integer, List<LogRecord>>> shardTopics, URI influxd, Interleaving order) {
        this.backend = new ReferenceBackend(influxd);
        this.order = order;
        this.result = new ReferenceResult(order.name());
        Map<String, String> voided = PartitionStops.voided(shardTopics);
        voided.values().forEach(v -> result.problem("voided: " + v));
        new TreeMap<>(shardTopics).forEach((topic, partitions) -> partitions.forEach((p, records) ->
                cursors.add(new PartitionCursor(topic + "/" + p, records, PartitionStops.of(records, voided.keySet())))));
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
        int at = c.pos++;
        LogRecord r = c.records.get(at);
        if (r.ddl()) {
            c.meet(r);
        }
        if (c.ended(r) && !r.ddl()) {
            result.skipped(r);
            return;
        }
        if (c.ended(r) && !PartitionStops.isBarrier(r.value())) {
            return; // a CREATE copy passed over here; a partition that does not know its incarnation ended may apply it
        }
        if (!r.ddl()) {
            result.write(r, backend.write(r.db(), r.rp(), r.value()));
        } else if (!PartitionStops.isBarrier(r.value())) {
            if (created.add(r.ddlId())) {
                result.statement(r.ddlId(), r.value().strip(), backend.statement(r.db(), r.value().strip()));
            }
        } else if (c.nextStop < c.stops.size() && c.stops.get(c.nextStop).index() == at) {
            c.stop = new ArrayList<>(c.stops.get(c.nextStop++).statements());
        }
    }

    /** Applies one statement that every partition's stop holds; false when there is none. */
    private boolean applyOne() {
        List<LogRecord> candidates = new ArrayList<>();
        cursors.stream().filter(c -> c.stop != null).forEach(c -> candidates.addAll(c.stop));
        for (LogRecord s : candidates) {
            if (cursors.stream().allMatch(c -> c.inStop(s.ddlId()))) {
                if (!isDropDatabase(s.value()) && cursors.stream().anyMatch(c -> c.endedDatabase(s))) {
                    result.skipped(s);
                } else {
                    result.statement(s.ddlId(), s.value().strip(), backend.statement(s.db(), s.value().strip()));
                }
                for (PartitionCursor c : cursors) {
                    c.stop.removeIf(x -> x.ddlId().equals(s.ddlId()));
                    c.stop = c.stop.isEmpty() ? null : c.stop;
                }
                return true;
            }
        }
        return false;
    }

    private static boolean isDropDatabase(String statement) {
        return statement.strip().toUpperCase(java.util.Locale.ROOT).startsWith("DROP DATABASE");
    }

    private String stops() {
        List<String> out = new ArrayList<>();
        cursors.forEach(c -> out.add(c.name + "@" + c.pos + "=" + (c.stop == null ? "-" : c.stop.stream().map(LogRecord::ddlId).toList())));
        return String.join(" ", out);
    }

    /** One partition: its records and stops, where it is, the stop it waits at (statements not applied yet). */
    private static final class PartitionCursor {
        final String name;
        final List<LogRecord> records;
        final List<PartitionStops.Stop> stops;
        int pos;
        int nextStop;
        List<LogRecord> stop;

        PartitionCursor(String name, List<LogRecord> records, List<PartitionStops.Stop> stops) {
            this.name = name;
            this.records = records;
            this.stops = stops;
        }

        boolean canMove() {
            return stop == null && pos < records.size();
        }

        /** {@code scope NUL incarnation} ended by a DROP or a newer CREATE (of a database, or a policy) met so far in this partition. */
        final Set<String> endedHere = new HashSet<>();
        /** Per scope (database, or {@code db SOH rp}), the incarnations met so far in this partition. */
        final java.util.Map<String, Set<String>> metHere = new java.util.HashMap<>();

        /**
         * A DDL copy met: a DROP DATABASE ends its incarnation, a CREATE DATABASE of one not met yet
         * ends those met before; DROP and CREATE RETENTION POLICY do the same for the policy's
         * incarnations ({@code rp_inc}, scope {@code db SOH rp}).
         */
        void meet(LogRecord r) {
            String upper = r.value().strip().toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
            meet(r.db(), r.incarnation(), upper.startsWith("DROP DATABASE"), upper.startsWith("CREATE DATABASE"));
            if (!r.rp().isEmpty()) {
                meet(r.db() + "\u0001" + r.rp(), r.policyIncarnation(), upper.startsWith("DROP RETENTION POLICY"),
                        upper.startsWith("CREATE RETENTION POLICY"));
            }
        }

        private void meet(String scope, String incarnation, boolean drops, boolean creates) {
            if (incarnation.isEmpty()) {
                return;
            }
            Set<String> known = metHere.computeIfAbsent(scope, k -> new java.util.LinkedHashSet<>());
            if (drops) {
                endedHere.add(scope + "\u0000" + incarnation);
            } else if (creates && !known.contains(incarnation)) {
                known.forEach(earlier -> endedHere.add(scope + "\u0000" + earlier));
            }
            known.add(incarnation);
        }

        /** Whether the database incarnation or the policy incarnation the record names ended here. */
        boolean ended(LogRecord r) {
            return endedDatabase(r) || !r.policyIncarnation().isEmpty() && !r.rp().isEmpty()
                    && endedHere.contains(r.db() + "\u0001" + r.rp() + "\u0000" + r.policyIncarnation());
        }

        boolean endedDatabase(LogRecord r) {
            return !r.incarnation().isEmpty() && endedHere.contains(r.db() + "\u0000" + r.incarnation());
        }

        boolean inStop(String id) {
            return stop != null && stop.stream().anyMatch(r -> r.ddlId().equals(id));
        }
    }
}
