package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxha.gateway.query.MergedResult.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges one statement's results from several shards into the result one InfluxDB holding all the
 * data would give. Shards hold disjoint measurements, so a measurement's series come from one
 * shard; what needs care is de-duplication (catalog answers every shard repeats), order (InfluxDB
 * sorts measurement and series lists, and series by name then tags) and paging after the merge.
 * Sorting compares names as Go does: by UTF-8 bytes.
 */
final class ResultMerger {
    private ResultMerger() {}

    /** @param results one result per shard, read whole; their row lists are reused */
    static MergedResult merge(Statement st, List<MergedResult> results, long bytesRead) {
        for (MergedResult r : results) {
            if (r.error() != null) {
                return MergedResult.error(r.error(), bytesRead);
            }
        }
        List<Series> series = new ArrayList<>();
        Set<JsonNode> messages = new LinkedHashSet<>();
        for (MergedResult r : results) {
            series.addAll(r.series());
            messages.addAll(r.messages());
        }
        List<Series> merged = switch (st.route()) {
            case MERGE_LIST -> names(series, st.limit(), st.offset());
            case MERGE_META -> firstSeen(series);
            case MERGE_SERIES -> slice(bySeries(series), st.limit(), st.offset());
            default -> bySeries(series);
        };
        return new MergedResult(merged, List.copyOf(messages), null, bytesRead);
    }

    /** One series holding every name once, sorted, then LIMIT/OFFSET; none when nothing is left. */
    private static List<Series> names(List<Series> series, long limit, long offset) {
        List<byte[]> rows = new ArrayList<>();
        series.forEach(s -> rows.addAll(s.rows()));
        rows.sort(Arrays::compareUnsigned);
        int distinct = 0;
        for (byte[] row : rows) {
            if (distinct == 0 || !Arrays.equals(rows.get(distinct - 1), row)) {
                rows.set(distinct++, row);
            }
        }
        List<byte[]> kept = slice(rows.subList(0, distinct), limit, offset);
        if (kept.isEmpty()) {
            return List.of(); // InfluxDB leaves "series" out of an empty answer
        }
        Series first = series.get(0);
        return List.of(new Series(first.name(), first.tags(), first.columns(), new ArrayList<>(kept), true));
    }

    /** One series holding every row whose first column was not seen before (the first shard's copy wins). */
    private static List<Series> firstSeen(List<Series> series) {
        Set<String> seen = new HashSet<>();
        List<byte[]> rows = new ArrayList<>();
        for (Series s : series) {
            for (int i = 0; i < s.rows().size(); i++) {
                if (seen.add(s.firstColumn(i))) {
                    rows.add(s.rows().get(i));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Series first = series.get(0);
        return List.of(new Series(first.name(), first.tags(), first.columns(), rows, first.names()));
    }

    private static <T> List<T> slice(List<T> items, long limit, long offset) {
        int from = (int) Math.min(items.size(), offset);
        int to = limit < 0 ? items.size() : (int) Math.min(items.size(), from + limit);
        return items.subList(from, to);
    }

    /** Series sorted by name then tags; series with the same name and tags have their rows concatenated. */
    private static List<Series> bySeries(List<Series> series) {
        Map<String, Series> byKey = new LinkedHashMap<>();
        for (Series s : series) {
            Series existing = byKey.get(s.key());
            if (existing == null) {
                byKey.put(s.key(), s);
            } else {
                existing.rows().addAll(s.rows());
            }
        }
        List<Series> out = new ArrayList<>(byKey.values());
        out.sort((a, b) -> SeriesMerge.compareCodePoints(a.key(), b.key()));
        return out;
    }
}
