package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The problems each check found, in the order the checks ran, and notes for the report. */
public final class Findings {
    private static final int SHOWN = 5;
    private final Map<String, List<String>> problems = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public void check(String check, List<String> found) {
        problems.computeIfAbsent(check, k -> new ArrayList<>()).addAll(found);
    }

    public void problem(String check, String problem) {
        check(check, List.of(problem));
    }

    public void note(String note) {
        notes.add(note);
    }

    public boolean ok() {
        return problems.values().stream().allMatch(List::isEmpty);
    }

    /** The names of the checks that found problems. */
    public List<String> failed() {
        return problems.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** The first problem of the first failed check, or "". */
    public String first() {
        return problems.values().stream().filter(l -> !l.isEmpty()).map(l -> l.get(0)).findFirst().orElse("");
    }

    /** Failed checks by name, each with its count and first problems; then the notes. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        problems.forEach((check, list) -> {
            out.append("\n[").append(list.isEmpty() ? "ok  " : "FAIL").append("] ").append(check);
            if (!list.isEmpty()) {
                out.append(": ").append(list.size()).append(" problem(s)");
                list.stream().limit(SHOWN).forEach(p -> out.append("\n    - ").append(p.replace("\n", "\n      ")));
                if (list.size() > SHOWN) {
                    out.append("\n    - ...");
                }
            }
        });
        notes.forEach(n -> out.append("\n  ").append(n));
        return out.toString();
    }

    /** Every problem, untruncated, for the kept directory. */
    public String full() {
        StringBuilder out = new StringBuilder();
        problems.forEach((check, list) -> {
            out.append("== ").append(check).append(" (").append(list.size()).append(")\n");
            list.forEach(p -> out.append(p).append('\n'));
        });
        notes.forEach(n -> out.append(n).append('\n'));
        return out.toString();
    }
}
