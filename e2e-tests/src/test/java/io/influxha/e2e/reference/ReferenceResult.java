package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one reference run did: writes by outcome, statements in the order applied, and problems met. */
public final class ReferenceResult {
    private final String interleaving;
    private final Map<String, Integer> writes = new TreeMap<>();
    private final List<String> statements = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    ReferenceResult(String interleaving) {
        this.interleaving = interleaving;
    }

    void write(String outcome) {
        writes.merge(outcome.length() > 80 ? outcome.substring(0, 80) : outcome, 1, Integer::sum);
    }

    void statement(String id, String text, String outcome) {
        statements.add(id + " " + text + " -> " + outcome);
    }

    void problem(String problem) {
        problems.add(problem);
    }

    public String interleaving() {
        return interleaving;
    }

    /** Statements as applied, in order: {@code <ddl_id> <text> -> ok|refused ...}. */
    public List<String> statements() {
        return statements;
    }

    /** Voided statements, a stuck or endless run. */
    public List<String> problems() {
        return problems;
    }

    public String summary() {
        return interleaving + ": data records " + writes + ", statements applied " + statements.size()
                + " (refused " + statements.stream().filter(s -> s.contains(" -> refused")).count() + "), problems " + problems.size();
    }
}
