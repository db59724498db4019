package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Check (a): the ledger equals the ingest topic. Every acknowledged write's points are there once,
 * with its database and policy (a write without one: the policy its record names), its times (a stamped point: a time between sending and the
 * answer); a refused write is absent; an unanswered one is there whole, in part or not at all,
 * never more. Every acknowledged statement is there with all its copies, one per ingest
 * partition; the log holds no point and no statement the ledger does not know.
 */
public final class LedgerCheck {
    private static final long STAMP_MARGIN_NS = 2_000_000_000L;

    private LedgerCheck() {}

    public static List<String> problems(Ledger ledger, IngestIndex ingest) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Op> ops = ledger.byId();
        for (Op op : ledger.writes()) {
            writeProblems(op, ingest.points(op.id()), problems);
        }
        ingest.byOp().forEach((id, points) -> {
            Op op = id > Integer.MAX_VALUE ? null : ops.get((int) (long) id);
            if (op == null || !op.request().isWrite()) {
                problems.add("the ingest topic holds " + points.size() + " point(s) of op " + id + " that the ledger never wrote, e.g. "
                        + points.get(0).point().line(1) + " at " + points.get(0).record().where());
            }
        });
        ingest.unreadable().forEach(l -> problems.add("the ingest topic holds a line that is not the workload's: " + l));
        statementProblems(ledger, ingest, problems);
        return problems;
    }

    private static void writeProblems(Op op, List<IngestIndex.Published> published, List<String> problems) {
        if (op.outcome() == Op.Outcome.REFUSED) {
            if (!published.isEmpty()) {
                problems.add("refused " + op + " has " + published.size() + " point(s) in the ingest topic");
            }
            return;
        }
        List<IngestIndex.Published> left = new ArrayList<>(published);
        for (Point sent : op.request().points()) {
            IngestIndex.Published match = left.stream().filter(p -> matches(op, sent, p)).findFirst().orElse(null);
            if (match != null) {
                left.remove(match);
            } else if (op.acknowledged()) {
                problems.add("acknowledged " + op + ": point " + sent.line(1) + " is not in the ingest topic"
                        + (published.isEmpty() ? "" : " (it holds " + published.stream().map(p -> p.point().line(1)).toList() + ")"));
            }
        }
        left.forEach(p -> problems.add(op + ": the ingest topic holds a point it did not send (or twice): db=" + p.db() + " rp=" + p.rp()
                + " " + p.point().line(1) + " at " + p.record().where()));
    }

    private static boolean matches(Op op, Point sent, IngestIndex.Published p) {
        // A write without rp is published naming the database's default when it was accepted (any policy here).
        boolean rpMatches = op.request().rp().isEmpty() || p.rp().equals(op.request().rp());
        if (!p.db().equals(op.request().db()) || !rpMatches || !p.point().content().equals(sent.content())) {
            return false;
        }
        long t = p.point().timeNs();
        return sent.timeNs() != null ? sent.timeNs() == t
                : t >= op.sentWallNs() - STAMP_MARGIN_NS && t <= op.answeredWallNs() + STAMP_MARGIN_NS;
    }

    private static void statementProblems(Ledger ledger, IngestIndex ingest, List<String> problems) {
        Map<String, int[]> byKey = new TreeMap<>(); // key -> {acknowledged, may be logged, ids in the log}
        for (Op op : ledger.statements()) {
            int[] n = byKey.computeIfAbsent(IngestIndex.key(op.request().db(), op.request().statement().text()), k -> new int[3]);
            n[0] += op.acknowledged() ? 1 : 0;
            n[1] += op.mayBeLogged() ? 1 : 0;
        }
        int partitions = ingest.partitions().size();
        ingest.copiesById().forEach((id, copies) -> {
            LogRecord first = copies.get(0);
            byKey.computeIfAbsent(IngestIndex.key(first.db(), first.value()), k -> new int[3])[2]++;
            copyProblems(id, copies, partitions, problems);
        });
        byKey.forEach((key, n) -> {
            if (n[2] < n[0]) {
                problems.add("statement \"" + key + "\" acknowledged " + n[0] + " time(s) but in the ingest topic " + n[2] + " time(s)");
            } else if (n[2] > n[1]) {
                problems.add("statement \"" + key + "\" is in the ingest topic " + n[2] + " time(s) but the ledger sent it (not refused) "
                        + n[1] + " time(s)");
            }
        });
    }

    /** One copy per ingest partition, {@code ddl_copies} of them, {@code ddl_copy} (when set) naming the partition. */
    private static void copyProblems(String id, List<LogRecord> copies, int partitions, List<String> problems) {
        LogRecord first = copies.get(0);
        Set<Integer> where = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (LogRecord c : copies) {
            if (!where.add(c.partition())) {
                wrong.add("two copies in partition " + c.partition());
            }
            if (c.ddlCopy() != null && c.ddlCopy() != c.partition()) {
                wrong.add("copy " + c.ddlCopy() + " in partition " + c.partition());
            }
            if (c.ddlCopies() != first.ddlCopies() || !c.value().equals(first.value()) || !c.db().equals(first.db())) {
                wrong.add("copies disagree: " + c.where());
            }
        }
        if (first.ddlCopies() != partitions || copies.size() != partitions) {
            wrong.add(copies.size() + " copies of ddl_copies=" + first.ddlCopies() + " in partitions " + where + " of " + partitions);
        }
        if (!wrong.isEmpty()) {
            problems.add("statement " + id + " \"" + first.value().strip() + "\" in the ingest topic: " + wrong);
        }
    }
}
