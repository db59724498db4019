package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one reference run did: data records by outcome; a trace, in the order it happened, of
 * every statement sent and every data record refused; and problems met (voided statements, a
 * stuck or endless run).
 */
public final class ReferenceResult {
    private final String interleaving;
    private final Map<String, Integer> writes = new TreeMap<>();
    private final List<String> trace = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> outcomes = new TreeMap<>();
    private int statements;
    private int refusedStatements;

    ReferenceResult(String interleaving) {
        this.interleaving = interleaving;
    }

    void write(LogRecord r, String outcome) {
        String reason = outcome.length() > 80 ? outcome.substring(0, 80) : outcome;
        writes.merge(reason, 1, Integer::sum);
        outcomes.put("data " + r.where() + " db=" + r.db() + " rp=" + r.rp() + " " + r.lines()[0], reason);
        if (!outcome.equals("ok")) {
            trace.add("data " + r.where() + " db=" + r.db() + " rp=" + r.rp() + " " + r.lines()[0] + (r.lines().length > 1 ? " ..." : "")
                    + " -> " + outcome);
        }
    }

    void statement(String id, String text, String outcome) {
        statements++;
        refusedStatements += outcome.equals("ok") ? 0 : 1;
        trace.add("statement " + id + " " + text + " -> " + outcome);
        outcomes.put("statement " + id + " " + text, outcome);
    }

    /** A record not applied because the database incarnation it names had ended. */
    void skipped(LogRecord r) {
        if (r.ddl()) {
            statement(r.ddlId(), r.value().strip(), "skipped: incarnation ended");
        } else {
            write(r, "skipped: incarnation ended");
        }
    }

    void problem(String problem) {
        problems.add(problem);
    }

    public String interleaving() {
        return interleaving;
    }

    /** Statements as sent and data records refused, in order. */
    public List<String> trace() {
        return trace;
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * Records and statements whose outcome (applied, or refused and why) differs from {@code other}'s:
     * the same log applied in another order must give every record the same fate.
     */
    public List<String> differences(ReferenceResult other) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(outcomes.keySet());
        keys.addAll(other.outcomes.keySet());
        for (String k : keys) {
            String mine = outcomes.getOrDefault(k, "never sent");
            String theirs = other.outcomes.getOrDefault(k, "never sent");
            if (!mine.equals(theirs)) {
                out.add(k + ": " + interleaving + " -> " + mine + ", " + other.interleaving + " -> " + theirs);
            }
        }
        return out;
    }

    public String summary() {
        return interleaving + ": data records " + writes + ", statements sent " + statements + " (refused " + refusedStatements
                + "), problems " + problems.size();
    }
}
