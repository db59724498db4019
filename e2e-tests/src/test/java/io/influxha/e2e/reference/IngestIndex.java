package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ingest topic read back: each published point by the operation that wrote it (its field
 * {@code op}), with its database, policy header and time (the gateway's stamp when the request had
 * none), and each statement's copies by {@code ddl_id}.
 */
public final class IngestIndex {
    /** influxql's time literal, as the gateway writes {@code now()} out. */
    private static final Pattern TIME_LITERAL = Pattern.compile("'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z'");

    /** One published point and the record that carries it. */
    public record Published(String db, String rp, Point point, LogRecord record) {}

    private final Map<Long, List<Published>> byOp = new TreeMap<>();
    private final Map<String, List<LogRecord>> copiesById = new LinkedHashMap<>();
    private final List<String> unreadable = new ArrayList<>();
    private final Map<Integer, List<LogRecord>> partitions;

    private IngestIndex(Map<Integer, List<LogRecord>> partitions) {
        this.partitions = partitions;
    }

    public static IngestIndex of(Map<Integer, List<LogRecord>> ingest) {
        IngestIndex index = new IngestIndex(ingest);
        ingest.values().forEach(records -> records.forEach(index::add));
        return index;
    }

    private void add(LogRecord r) {
        if (r.ddl()) {
            copiesById.computeIfAbsent(r.ddlId(), id -> new ArrayList<>()).add(r);
            return;
        }
        for (String line : r.lines()) {
            try {
                Point p = LineCodec.parse(line);
                byOp.computeIfAbsent(p.op(), op -> new ArrayList<>()).add(new Published(r.db(), r.rp(), p, r));
            } catch (RuntimeException e) {
                unreadable.add(r.where() + " " + line);
            }
        }
    }

    /** Points published for operation {@code op}, in no particular order. */
    public List<Published> points(long op) {
        return byOp.getOrDefault(op, List.of());
    }

    public Map<Long, List<Published>> byOp() {
        return byOp;
    }

    /** Every DDL id with its copies, in the order first met. */
    public Map<String, List<LogRecord>> copiesById() {
        return copiesById;
    }

    /** Data lines that are not the workload's. */
    public List<String> unreadable() {
        return unreadable;
    }

    public Map<Integer, List<LogRecord>> partitions() {
        return partitions;
    }

    /** A statement's identity across the ledger and the log: its database and text, time literals read back as {@code now()}. */
    public static String key(String db, String text) {
        return db + " | " + TIME_LITERAL.matcher(text.strip()).replaceAll("now()");
    }
}
