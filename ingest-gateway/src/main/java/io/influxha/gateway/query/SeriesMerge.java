package io.influxha.gateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxha.gateway.influxql.SelectStatement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The k-way merge of several shards' answers to one SELECT: {@link #head()} is always the answer
 * whose current piece InfluxDB, holding every shard's data, would write next. InfluxDB writes series
 * ordered by measurement name, then tags, both descending under {@code ORDER BY time DESC}
 * (query/cursor.go). Shards own disjoint measurements, so every answer is in that order already and
 * only the measurements of the answers' current pieces need comparing; a tie (nameless EXPLAIN
 * series) goes to the shard listed first. Names compare as Go compares strings: by UTF-8 bytes,
 * i.e. by code point. Each answer contributes only the series its shard owns ({@link ShardFilter}).
 */
final class SeriesMerge implements AutoCloseable {
    /** One shard's answer and what of it the shard owns. */
    record Source(BackendAnswer answer, ShardFilter filter) {}

    private final List<Source> sources;
    private final boolean descending;
    /** Sources standing on a piece, in shard order. */
    private final List<Source> live = new ArrayList<>();

    SeriesMerge(List<Source> sources, boolean descending) {
        this.sources = List.copyOf(sources);
        this.descending = descending;
    }

    /** Whether InfluxDB writes {@code st}'s series in descending order: ORDER BY time DESC. */
    static boolean descending(Statement st) {
        return st.ast() instanceof SelectStatement select && select.sortFields() != null && !select.sortFields().isEmpty()
                && !select.sortFields().get(0).ascending();
    }

    /**
     * Moves every answer to the first piece its shard owns.
     *
     * @return the first error a backend answered (or an answer it could not read), null when none
     */
    String start() {
        for (Source s : sources) {
            try {
                if (advance(s.answer(), s.filter())) {
                    live.add(s);
                }
            } catch (IOException e) {
                return BackendAnswer.unreadable(s.answer().backend(), e);
            }
        }
        return error();
    }

    /** The answer whose current piece comes next, null when every answer has ended. */
    BackendAnswer head() {
        Source best = null;
        for (Source s : live) {
            if (best == null || before(s.answer().name(), best.answer().name())) {
                best = s;
            }
        }
        return best == null ? null : best.answer();
    }

    /**
     * After the head's rows were read: moves it to its next owned piece.
     *
     * @return the error its backend answered meanwhile, null when none
     */
    String advance(BackendAnswer head) throws IOException {
        for (int i = 0; i < live.size(); i++) {
            Source s = live.get(i);
            if (s.answer() == head) {
                if (!advance(head, s.filter())) {
                    live.remove(i);
                }
                return head.error();
            }
        }
        throw new IllegalArgumentException("not an answer of this merge");
    }

    private static boolean advance(BackendAnswer answer, ShardFilter filter) throws IOException {
        while (answer.next()) {
            if (filter.keepsSeries(answer.name())) {
                return true;
            }
        }
        return false;
    }

    private boolean before(String a, String b) {
        int c = compareCodePoints(a, b);
        return descending ? c > 0 : c < 0;
    }

    /** Go's string order: UTF-8 bytes, which is code point order (String.compareTo orders UTF-16 units). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The first error any backend answered, null when none. */
    String error() {
        for (Source s : sources) {
            if (s.answer().error() != null) {
                return s.answer().error();
            }
        }
        return null;
    }

    /** Every backend's messages, each once. */
    List<JsonNode> messages() {
        Set<JsonNode> all = new LinkedHashSet<>();
        sources.forEach(s -> all.addAll(s.answer().messages()));
        return List.copyOf(all);
    }

    /** Gives up every answer not read to its end (their connections are dropped). */
    @Override
    public void close() {
        sources.forEach(s -> s.answer().close());
    }
}
