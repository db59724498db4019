package io.influxha.gateway.query;

import io.influxha.core.config.DataSize;
import io.influxha.gateway.query.MergedResult.Series;
import io.influxha.gateway.query.Statement.Route;
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
 * A statement whose rows the gateway must hold to merge them (lists it sorts and pages, catalog
 * answers it de-duplicates, per-backend SHOW): one replica per shard answers, each answer is read
 * whole, within {@code gateway.max_merge_size} for all of them together ({@link MergeLimit}).
 * Failures become the statement's error, as InfluxDB reports a failed statement.
 */
final class WholeRead {
    private static final Logger log = LoggerFactory.getLogger(WholeRead.class);
    /** A refusal's body is an InfluxDB error object; more than this is not one worth passing on whole. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private WholeRead() {}

    /** @throws BackendRefusedException when a backend answers with a non-200 status */
    static QueryRouter.Answer run(QueryRouter router, Statement st, List<String> shards, Map<String, String> params,
            Map<String, String> headers, long rywDeadlineNanos, DataSize maxMergeSize) {
        MergeLimit limit = new MergeLimit(maxMergeSize);
        Map<String, String> withQuery = new HashMap<>(params);
        withQuery.put("q", st.backendText());
        List<MergedResult> results = new ArrayList<>();
        List<Replicas.Choice> used = new ArrayList<>();
        String firstFailure = null;
        for (String shard : shards) {
            try {
                Routed routed = router.stream(shard, withQuery, headers, rywDeadlineNanos);
                used.addAll(routed.answeredBy());
                results.add(read(routed, st, router.filter(st, shard, shards.size()), limit));
            } catch (NoReplicaException e) {
                firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
            } catch (MergeLimit.Exceeded e) {
                log.warn("event=merge_too_large kind=\"{}\" limit={} backends={}", st.kind(), maxMergeSize.format(), Routed.header(used, false));
                return new QueryRouter.Answer(MergedResult.error(e.getMessage(), limit.read()), used);
            }
        }
        boolean partialAllowed = st.route() == Route.MERGE_META && !results.isEmpty();
        if (shards.isEmpty() || (firstFailure != null && !partialAllowed)) {
            String error = firstFailure != null ? firstFailure : "influx-ha: no shard is configured";
            return new QueryRouter.Answer(MergedResult.error(error, limit.read()), used);
        }
        if (firstFailure != null) {
            log.warn("event=merge_partial kind=\"{}\" reason=\"{}\"", st.kind(), firstFailure);
        }
        return new QueryRouter.Answer(ResultMerger.merge(st, results, limit.read()), used);
    }

    /**
     * One backend's whole answer, what its shard owns of it, rows as bytes: names for SHOW
     * MEASUREMENTS and SHOW SERIES (one string column), compact JSON otherwise.
     */
    private static MergedResult read(Routed routed, Statement st, ShardFilter filter, MergeLimit limit) throws MergeLimit.Exceeded {
        HttpResponse<InputStream> r = routed.response();
        try (InputStream body = limit.count(r.body())) {
            if (r.statusCode() != 200) {
                throw new BackendRefusedException(routed.backendHeader(), r.statusCode(),
                        new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8));
            }
            return collect(new BackendAnswer(routed.backendHeader(), body), filter, st.route() == Route.MERGE_LIST, limit);
        } catch (MergeLimit.Exceeded e) {
            throw e;
        } catch (IOException e) {
            return MergedResult.error(BackendAnswer.unreadable(routed.backendHeader(), e), limit.read());
        }
    }

    private static MergedResult collect(BackendAnswer answer, ShardFilter filter, boolean names, MergeLimit limit) throws IOException {
        List<Series> series = new ArrayList<>();
        while (answer.next()) {
            if (filter.keepsSeries(answer.name())) {
                List<byte[]> rows = new ArrayList<>();
                answer.rows(row -> {
                    String first = row.path(0).asText();
                    if (filter.keepsRow(first)) {
                        rows.add(names ? first.getBytes(StandardCharsets.UTF_8) : ResultWriter.OUT.writeValueAsBytes(row));
                    }
                });
                series.add(new Series(answer.name(), answer.tags(), answer.columns(), rows, names));
            }
        }
        return new MergedResult(series, answer.messages(), answer.error(), limit.read());
    }
}
