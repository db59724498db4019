package io.influxha.gateway.query;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SELECT or EXPLAIN answered by one replica of every shard it needs, merged while the backends'
 * chunked answers arrive and written to the client as it goes ({@link SeriesMerge}): the gateway
 * holds a few rows per shard, however large the answer. Everything that can fail before the first
 * byte is written fails in {@link #open}, and is answered as before streaming existed: a backend's
 * non-200 status as {@link BackendRefusedException}, anything else as the statement's error.
 */
public final class StreamedRead implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamedRead.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final SeriesMerge merge;
    private final List<Replicas.Choice> answeredBy;
    private final String error;

    private StreamedRead(SeriesMerge merge, List<Replicas.Choice> answeredBy, String error) {
        this.merge = merge;
        this.answeredBy = List.copyOf(answeredBy);
        this.error = error;
    }

    /**
     * Asks every shard's best replica for {@code st} in pieces of {@code chunkSize} rows and reads
     * each answer up to its first piece.
     *
     * @throws BackendRefusedException when a backend answers with a non-200 status
     */
    static StreamedRead open(QueryRouter router, Statement st, List<String> shards, Map<String, String> params,
            Map<String, String> headers, long rywDeadlineNanos, int chunkSize) {
        Map<String, String> asked = new HashMap<>(params);
        asked.put("q", st.backendText());
        asked.put("chunked", "true");
        asked.put("chunk_size", Integer.toString(chunkSize));
        List<SeriesMerge.Source> sources = new ArrayList<>();
        List<Replicas.Choice> used = new ArrayList<>();
        String backend = "";
        try {
            for (String shard : shards) {
                Routed routed = router.stream(shard, asked, headers, rywDeadlineNanos);
                backend = routed.backendHeader();
                used.addAll(routed.answeredBy());
                sources.add(new SeriesMerge.Source(answer(routed), router.filter(st, shard, shards.size())));
            }
            SeriesMerge merge = new SeriesMerge(sources, SeriesMerge.descending(st));
            String failed = shards.isEmpty() ? "influx-ha: no shard is configured" : merge.start();
            return failed == null ? new StreamedRead(merge, used, null) : failed(sources, used, failed);
        } catch (NoReplicaException e) {
            return failed(sources, used, e.getMessage());
        } catch (IOException e) {
            return failed(sources, used, BackendAnswer.unreadable(backend, e));
        } catch (RuntimeException e) {
            sources.forEach(s -> s.answer().close());
            throw e;
        }
    }

    private static BackendAnswer answer(Routed routed) throws IOException {
        HttpResponse<InputStream> r = routed.response();
        if (r.statusCode() != 200) {
            try (InputStream body = r.body()) {
                throw new BackendRefusedException(routed.backendHeader(), r.statusCode(),
                        new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8));
            }
        }
        return new BackendAnswer(routed.backendHeader(), r.body());
    }

    private static StreamedRead failed(List<SeriesMerge.Source> opened, List<Replicas.Choice> used, String error) {
        opened.forEach(s -> s.answer().close());
        return new StreamedRead(null, used, error);
    }

    /** The statement's error when it failed before anything was written, else null. */
    public String error() {
        return error;
    }

    /** {@code X-Influxha-Backend}: the replicas asked, one per shard; empty when none answered. */
    public String backendHeader() {
        return Routed.header(answeredBy, false);
    }

    /** {@code X-Influxha-Lag} of those replicas. */
    public String lagHeader() {
        return Routed.header(answeredBy, true);
    }

    /**
     * Writes the statement's result, piece by piece, as the backends send it.
     *
     * @return null when the answer is complete, else why it broke off after part of it was written:
     *     the caller tells the client ({@link ResultWriter#fail}) or cuts the response
     */
    public String writeTo(ResultWriter out, int statementId) {
        out.begin(statementId, false);
        BackendAnswer head = merge.head();
        try (merge) {
            while (head != null) {
                out.series(head.name(), head.tags(), head.columns());
                String key = head.seriesKey();
                head.rows(out::row);
                BackendAnswer current = head;
                String failure = merge.advance(current);
                head = merge.head();
                out.seriesEnd(head != null && head.seriesKey().equals(key), head != null || failure != null);
                if (failure != null) {
                    return brokeOff(current, failure);
                }
            }
        } catch (IOException e) {
            return brokeOff(head, BackendAnswer.unreadable(head.backend(), e));
        }
        out.end(merge.messages(), null);
        return null;
    }

    private static String brokeOff(BackendAnswer answer, String why) {
        log.warn("event=streamed_read_broke_off backend={} reason=\"{}\"", answer.backend(), why);
        return why;
    }

    @Override
    public void close() {
        if (merge != null) {
            merge.close();
        }
    }
}
