package io.influxha.e2e.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Check (b): the router's output. Every ingest line is in the shard topics exactly once, in the
 * topic its measurement's shard owns, each series in one partition of it, and the lines of one
 * ingest partition keep their ingest order within each shard partition (a DDL copy with a
 * {@code ddl_copy} header takes part, at its ingest position). Every statement's ingest copies
 * are in every partition of every shard topic: as many, with the same {@code ddl_copy} values.
 */
public final class RoutingCheck {
    private RoutingCheck() {}

    /** @param topicOf the shard topic owning a measurement */
    public static List<String> problems(IngestIndex ingest, Map<String, Map<Integer, List<LogRecord>>> shards,
            Function<String, String> topicOf) {
        List<String> problems = new ArrayList<>();
        Map<String, long[]> ingestPosition = new HashMap<>(); // line key -> {ingest partition, offset}
        Map<String, Integer> ingestCount = new HashMap<>();
        ingest.partitions().forEach((p, records) -> records.forEach(r -> {
            if (r.ddl()) {
                if (r.ddlCopy() != null) {
                    ingestPosition.put(copyKey(r.ddlId(), r.ddlCopy()), new long[] {p, r.offset()});
                }
                return;
            }
            for (String line : r.lines()) {
                ingestPosition.put(lineKey(r, line), new long[] {p, r.offset()});
                ingestCount.merge(lineKey(r, line), 1, Integer::sum);
            }
        }));
        Map<String, Integer> routedCount = new HashMap<>();
        Map<String, Set<String>> seriesPartitions = new TreeMap<>();
        shards.forEach((topic, partitions) -> partitions.forEach((p, records) -> {
            Map<Long, Long> lastOffsetByIngestPartition = new HashMap<>();
            for (LogRecord r : records) {
                List<String> keys = new ArrayList<>();
                if (r.ddl()) {
                    keys.add(r.ddlCopy() == null ? null : copyKey(r.ddlId(), r.ddlCopy()));
                } else {
                    for (String line : r.lines()) {
                        String key = lineKey(r, line);
                        keys.add(key);
                        routedCount.merge(key, 1, Integer::sum);
                        String m = line.substring(0, line.indexOf(','));
                        if (!topic.equals(topicOf.apply(m))) {
                            problems.add("line of " + m + " routed to " + topic + " at " + r.where() + ": " + line);
                        }
                        seriesPartitions.computeIfAbsent(topic + " " + r.db() + " " + line.substring(0, line.indexOf(' ')),
                                k -> new HashSet<>()).add(topic + "/" + p);
                    }
                }
                for (String key : keys) {
                    long[] at = key == null ? null : ingestPosition.get(key);
                    if (at == null) {
                        continue;
                    }
                    Long last = lastOffsetByIngestPartition.put(at[0], at[1]);
                    if (last != null && last > at[1]) {
                        problems.add(r.where() + " holds ingest partition " + at[0] + "'s offset " + at[1] + " after its offset " + last
                                + ": ingest order lost");
                    }
                }
            }
        }));
        ingestCount.forEach((key, n) -> {
            int routed = routedCount.getOrDefault(key, 0);
            if (routed != n) {
                problems.add("ingest line routed " + routed + " time(s), in the ingest topic " + n + " time(s): " + key);
            }
        });
        routedCount.keySet().stream().filter(k -> !ingestCount.containsKey(k))
                .forEach(k -> problems.add("a shard topic holds a line the ingest topic does not: " + k));
        seriesPartitions.forEach((series, where) -> {
            if (where.size() > 1) {
                problems.add("series " + series + " is in several partitions: " + where);
            }
        });
        copies(ingest, shards, problems);
        return problems;
    }

    private static void copies(IngestIndex ingest, Map<String, Map<Integer, List<LogRecord>>> shards, List<String> problems) {
        Map<String, String> expected = new HashMap<>();
        ingest.copiesById().forEach((id, copies) -> expected.put(id, signature(copies)));
        shards.forEach((topic, partitions) -> partitions.forEach((p, records) -> {
            Map<String, List<LogRecord>> here = new TreeMap<>();
            records.stream().filter(LogRecord::ddl).forEach(r -> here.computeIfAbsent(r.ddlId(), k -> new ArrayList<>()).add(r));
            expected.forEach((id, sig) -> {
                String got = signature(here.getOrDefault(id, List.of()));
                if (!got.equals(sig)) {
                    problems.add("statement " + id + " \"" + ingest.copiesById().get(id).get(0).value().strip() + "\": " + topic + "/" + p
                            + " holds copies " + got + ", the ingest topic " + sig);
                }
            });
            here.keySet().stream().filter(id -> !expected.containsKey(id))
                    .forEach(id -> problems.add(topic + "/" + p + " holds statement " + id + " that the ingest topic does not"));
        }));
    }

    /** How many copies, and which {@code ddl_copy} values. */
    private static String signature(List<LogRecord> copies) {
        List<Integer> ids = new ArrayList<>();
        copies.forEach(c -> ids.add(c.ddlCopy() == null ? -1 : c.ddlCopy()));
        ids.sort(null);
        return copies.size() + " " + ids;
    }

    private static String lineKey(LogRecord r, String line) {
        return r.db() + " " + r.rp() + " " + line.strip();
    }

    private static String copyKey(String id, int copy) {
        return "ddl " + id + " " + copy;
    }
}
