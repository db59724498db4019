package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check (d) on a server's dump, judged by the ledger: a point acknowledged before a statement
 * removing it (DELETE, DROP MEASUREMENT, DROP SERIES, DROP DATABASE, DROP RETENTION POLICY of its
 * policy) was sent is gone; a point sent after a statement that may remove it was answered is
 * there (written by it or by a later overwrite). Statements whose copies interleave share a stop,
 * and data before the stop is written before any of them is applied (docs/ddl-through-the-log.md),
 * so "answered" is the last answer of the statements sharing that statement's stop in the point's
 * partition (read from the shard topics by {@link PartitionStops}). Points of writes concurrent
 * with a statement are not judged here; the replicas' equality covers them.
 */
public final class CutCheck {
    private static final Pattern OP = Pattern.compile("(?:^|,)op=(-?\\d+)(?:,|$)");

    /** A point of a dump: its policy and the operation that wrote it. */
    private record Held(String rp, long op) {}

    private final Ledger ledger;
    private final IngestIndex ingest;
    private final long origin;
    private final Map<String, List<String>> idsByKey = new HashMap<>();
    private final Map<String, Long> answeredByKey = new HashMap<>();
    private final Set<String> keysInLogUnacknowledged = new HashSet<>();
    private final Map<String, String> partitionOfLine = new HashMap<>();
    private final Map<String, List<PartitionStops.Stop>> stops = new HashMap<>();
    private final Set<String> voided;
    private int goneChecked;
    private int presentChecked;

    public CutCheck(Ledger ledger, IngestIndex ingest, Map<String, Map<Integer, List<LogRecord>>> shards) {
        this.ledger = ledger;
        this.ingest = ingest;
        this.origin = ledger.ops().stream().mapToLong(Op::sentMono).min().orElse(0);
        this.voided = PartitionStops.voided(shards).keySet();
        ingest.copiesById().forEach((id, c) -> idsByKey.computeIfAbsent(IngestIndex.key(c.get(0).db(), c.get(0).value()), k -> new ArrayList<>())
                .add(id));
        Map<String, Integer> surplus = new HashMap<>();
        idsByKey.forEach((k, ids) -> surplus.put(k, ids.size()));
        ledger.statements().stream().filter(Op::acknowledged).forEach(o -> surplus.merge(key(o), -1, Integer::sum));
        surplus.forEach((k, n) -> {
            if (n > 0) {
                keysInLogUnacknowledged.add(k);
            }
        });
        ledger.statements().stream().filter(this::logged).forEach(o -> answeredByKey.merge(key(o), o.cutMono(), Math::max));
        keysInLogUnacknowledged.forEach(k -> answeredByKey.put(k, Long.MAX_VALUE));
        shards.forEach((topic, partitions) -> partitions.forEach((p, records) -> {
            String tp = topic + "/" + p;
            stops.put(tp, PartitionStops.of(records, voided));
            records.stream().filter(r -> !r.ddl()).forEach(r -> {
                for (String line : r.lines()) {
                    partitionOfLine.put(r.db() + " " + r.rp() + " " + LineCodec.parse(line).line(1), tp);
                }
            });
        }));
    }

    /** Problems of one server's dump ({@link CanonicalDump}); {@code name} labels them. */
    public List<String> problems(String name, List<String> dump) {
        Map<String, List<Held>> held = held(dump);
        List<Op> removers = ledger.statements().stream().filter(o -> o.request().statement().removesPoints() && logged(o)).toList();
        List<String> problems = new ArrayList<>();
        goneChecked = 0;
        presentChecked = 0;
        for (Op w : ledger.writes()) {
            if (!w.acknowledged()) {
                continue;
            }
            for (IngestIndex.Published p : ingest.points(w.id())) {
                List<Held> here = held.getOrDefault(w.request().db() + " " + p.point().seriesKey() + " " + p.point().timeNs(), List.of());
                checkGone(name, w, p, here, removers, problems);
                checkPresent(name, w, p, here, removers, problems);
            }
        }
        return problems;
    }

    /** How many points the last {@link #problems} call could judge, each way. */
    public String coverage() {
        return "must-be-gone=" + goneChecked + " must-be-there=" + presentChecked;
    }

    private void checkGone(String name, Op w, IngestIndex.Published p, List<Held> here, List<Op> removers, List<String> problems) {
        for (Op s : removers) {
            Statement st = s.request().statement();
            if (s.acknowledged() && w.answeredMono() < s.sentMono()
                    && st.surelyCovers(w.request().db(), rp(w, p), p.point(), p.point().timeNs(), s.sentWallNs())) {
                goneChecked++;
                if (here.stream().anyMatch(h -> h.op() == w.id())) {
                    problems.add(name + ": " + describe(p) + " of op " + w.id() + " (acknowledged at " + ms(w.answeredMono())
                            + ") survived op " + s.id() + " \"" + st.text() + "\" (sent at " + ms(s.sentMono()) + ")");
                }
                return;
            }
        }
    }

    private void checkPresent(String name, Op w, IngestIndex.Published p, List<Held> here, List<Op> removers, List<String> problems) {
        String tp = partitionOfLine.get(p.db() + " " + p.rp() + " " + p.point().line(1));
        List<Op> may = new ArrayList<>();
        for (Op s : removers) {
            long answered = s.acknowledged() ? s.answeredWallNs() : Long.MAX_VALUE;
            if (s.request().statement().mayCover(w.request().db(), rp(w, p), p.point(), p.point().timeNs(), answered)) {
                if (tp == null || stopAnswered(tp, s) >= w.sentMono()) {
                    return;
                }
                may.add(s);
            }
        }
        presentChecked++;
        String rp = rp(w, p);
        if (here.stream().noneMatch(h -> rp.isEmpty() || h.rp().equals(rp))) {
            problems.add(name + ": " + describe(p) + " of op " + w.id() + " (sent at " + ms(w.sentMono()) + " to rp \"" + rp
                    + "\" after the stops in " + tp + " of every statement that may remove it were answered: "
                    + may.stream().map(s -> "op " + s.id()).toList() + ") is missing");
        }
    }

    /**
     * The policy the point went to: the write's, or for a write without one the policy the
     * gateway named in its record (the database's default when it was accepted); "" for records
     * that name none (then it is the backend's default when written).
     */
    private static String rp(Op w, IngestIndex.Published p) {
        return w.request().rp().isEmpty() ? p.rp() : w.request().rp();
    }

    /** The last answer of the statements sharing {@code s}'s stops in partition {@code tp}; Long.MAX_VALUE when unknown. */
    private long stopAnswered(String tp, Op s) {
        long last = Long.MIN_VALUE;
        for (String id : idsByKey.getOrDefault(key(s), List.of())) {
            if (voided.contains(id)) {
                continue; // never applied anywhere
            }
            PartitionStops.Stop stop = stops.get(tp).stream().filter(x -> x.holds(id)).findFirst().orElse(null);
            if (stop == null) {
                return Long.MAX_VALUE;
            }
            for (LogRecord st : stop.statements()) {
                last = Math.max(last, answeredByKey.getOrDefault(IngestIndex.key(st.db(), st.value()), Long.MAX_VALUE));
            }
        }
        return last;
    }

    /** Acknowledged, or unanswered while the log holds more statements of its text than were acknowledged. */
    private boolean logged(Op o) {
        return o.acknowledged() || (o.mayBeLogged() && keysInLogUnacknowledged.contains(key(o)));
    }

    private static String key(Op o) {
        return IngestIndex.key(o.request().db(), o.request().statement().text());
    }

    /** Dump point lines by {@code db series time}. */
    private static Map<String, List<Held>> held(List<String> dump) {
        Map<String, List<Held>> held = new HashMap<>();
        for (String line : dump) {
            if (!line.startsWith("point ")) {
                continue;
            }
            String[] parts = line.split(" ");
            String[] dbRp = parts[1].split("\\.", 2);
            Matcher op = OP.matcher(parts[3]);
            held.computeIfAbsent(dbRp[0] + " " + parts[2] + " " + parts[4], k -> new ArrayList<>())
                    .add(new Held(dbRp[1], op.find() ? Long.parseLong(op.group(1)) : -1));
        }
        return held;
    }

    private static String describe(IngestIndex.Published p) {
        return "point " + p.point().seriesKey() + " @" + p.point().timeNs();
    }

    private String ms(long mono) {
        return "+" + (mono - origin) / 1_000_000 + "ms";
    }
}
