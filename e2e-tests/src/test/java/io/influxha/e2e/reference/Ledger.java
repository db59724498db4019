package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every operation sent through the gateway, with its answer; written by the client threads. */
public final class Ledger {
    private final List<Op> ops = new ArrayList<>();

    public synchronized void add(Op op) {
        ops.add(op);
    }

    public synchronized int size() {
        return ops.size();
    }

    /** Every operation, by id. */
    public synchronized List<Op> ops() {
        return ops.stream().sorted(Comparator.comparingInt(Op::id)).toList();
    }

    public Map<Integer, Op> byId() {
        return ops().stream().collect(Collectors.toMap(Op::id, Function.identity()));
    }

    public List<Op> writes() {
        return ops().stream().filter(o -> o.request().isWrite()).toList();
    }

    public List<Op> statements() {
        return ops().stream().filter(o -> !o.request().isWrite()).toList();
    }

    /** Counts per outcome, for the report. */
    public String summary() {
        List<Op> all = ops();
        Map<Op.Outcome, Long> writes = all.stream().filter(o -> o.request().isWrite())
                .collect(Collectors.groupingBy(Op::outcome, Collectors.counting()));
        Map<Op.Outcome, Long> ddl = all.stream().filter(o -> !o.request().isWrite())
                .collect(Collectors.groupingBy(Op::outcome, Collectors.counting()));
        return "operations=" + all.size() + " writes=" + writes + " statements=" + ddl;
    }

    /** The ledger as text, one operation per line, for the kept directory. */
    public String dump() {
        List<String> lines = new ArrayList<>();
        List<Op> all = ops();
        long origin = all.stream().mapToLong(Op::sentMono).min().orElse(0);
        all.forEach(o -> lines.add("+" + (o.sentMono() - origin) / 1_000_000 + "ms " + o));
        return String.join("\n", lines) + "\n";
    }
}
