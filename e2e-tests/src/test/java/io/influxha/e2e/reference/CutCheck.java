package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check (d), from the ledger alone: on a server's dump, a point acknowledged before a statement
 * removing it (DELETE, DROP MEASUREMENT, DROP SERIES, DROP DATABASE, DROP RETENTION POLICY of its
 * policy) was sent is gone; a point sent after every statement that may remove it was answered is
 * there (written by it or by a later overwrite). "Answered" is the end of its group of concurrent
 * statements: statements whose send-to-answer spans overlap may share one stop, and data between
 * their last copies is written before any of them (docs/ddl-through-the-log.md), so a write counts
 * as after only once the whole group was answered. Points of concurrent writes are not judged
 * here; the replicas' equality covers them.
 */
public final class CutCheck {
    private static final Pattern OP = Pattern.compile("(?:^|,)op=(-?\\d+)(?:,|$)");

    /** A point of a dump: its policy and the operation that wrote it. */
    private record Held(String rp, long op) {}

    private final Ledger ledger;
    private final IngestIndex ingest;
    private final Map<Integer, Long> groupEnd = new HashMap<>();
    private final java.util.Set<String> unknownInLog = new java.util.HashSet<>();
    private final long origin;
    private int goneChecked;
    private int presentChecked;

    public CutCheck(Ledger ledger, IngestIndex ingest) {
        this.ledger = ledger;
        this.ingest = ingest;
        this.origin = ledger.ops().stream().mapToLong(Op::sentMono).min().orElse(0);
        Map<String, Integer> surplus = new HashMap<>();
        ingest.copiesById().values().forEach(c -> surplus.merge(IngestIndex.key(c.get(0).db(), c.get(0).value()), 1, Integer::sum));
        ledger.statements().stream().filter(Op::acknowledged).forEach(o -> surplus.merge(key(o), -1, Integer::sum));
        surplus.forEach((k, n) -> {
            if (n > 0) {
                unknownInLog.add(k);
            }
        });
        groupConcurrentStatements();
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
                String key = w.request().db() + " " + p.point().seriesKey() + " " + p.point().timeNs();
                List<Held> here = held.getOrDefault(key, List.of());
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
                    && st.surelyCovers(w.request().db(), w.request().rp(), p.point(), p.point().timeNs(), s.sentWallNs())) {
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
        List<Op> may = new ArrayList<>();
        for (Op s : removers) {
            long answered = s.acknowledged() ? s.answeredWallNs() : Long.MAX_VALUE;
            if (s.request().statement().mayCover(w.request().db(), w.request().rp(), p.point(), p.point().timeNs(), answered)) {
                may.add(s);
            }
        }
        if (may.stream().anyMatch(s -> groupEnd.get(s.id()) >= w.sentMono())) {
            return;
        }
        presentChecked++;
        String rp = w.request().rp();
        if (here.stream().noneMatch(h -> rp.isEmpty() || h.rp().equals(rp))) {
            problems.add(name + ": " + describe(p) + " of op " + w.id() + " (sent at " + ms(w.sentMono()) + " to rp \"" + rp
                    + "\", after every statement that may remove it was answered: "
                    + may.stream().map(s -> "op " + s.id() + " answered at " + ms(s.answeredMono())).toList() + ") is missing");
        }
    }

    /** Barrier statements whose send-to-answer spans overlap form a group; each gets the group's last answer. */
    private void groupConcurrentStatements() {
        List<Op> barriers = new ArrayList<>(ledger.statements().stream()
                .filter(o -> o.request().statement().barrier() && logged(o)).toList());
        barriers.sort(Comparator.comparingLong(Op::sentMono));
        List<Op> group = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (Op s : barriers) {
            if (!group.isEmpty() && s.sentMono() > end) {
                close(group, end);
            }
            group.add(s);
            end = Math.max(end, s.cutMono());
        }
        close(group, end);
    }

    private void close(List<Op> group, long end) {
        group.forEach(s -> groupEnd.put(s.id(), end));
        group.clear();
    }

    /** Acknowledged, or unanswered while the log holds more statements of its text than were acknowledged. */
    private boolean logged(Op o) {
        return o.acknowledged() || (o.mayBeLogged() && unknownInLog.contains(key(o)));
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
