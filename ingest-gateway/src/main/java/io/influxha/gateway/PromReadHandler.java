package io.influxha.gateway;

import io.influxha.gateway.query.NoReplicaException;
import io.influxha.gateway.query.PromReadRequest;
import io.influxha.gateway.query.QueryRouter;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xerial.snappy.Snappy;

/**
 * {@code POST /api/v1/prom/read}: Prometheus remote read, answered by the best replica's own
 * endpoint (InfluxDB 1.8 implements it). The request is decoded only to find the metric names:
 * a metric is the measurement of its name, so the names decide the shard. A read that needs
 * several shards is refused (400): merging remote-read answers is not implemented.
 */
final class PromReadHandler {
    private static final List<String> PARAMS = List.of("db", "rp", "u", "p");
    private static final List<String> HEADERS = List.of("Content-Type", "Content-Encoding", "Accept-Encoding",
            "X-Prometheus-Remote-Read-Version", "Authorization", "User-Agent");

    private final QueryRouter router;
    private final long maxBodySize;
    /** False when the gateway authenticates clients itself: backends then get their configured credentials. */
    private final boolean passCredentials;

    PromReadHandler(QueryRouter router, long maxBodySize, boolean passCredentials) {
        this.router = router;
        this.maxBodySize = maxBodySize;
        this.passCredentials = passCredentials;
    }

    void handle(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBodySize) {
            throw RejectedRequestException.tooLarge();
        }
        String shard = shard(body);
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : PARAMS) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isEmpty() && (passCredentials || !(name.equals("u") || name.equals("p")))) {
                query.put(name, value);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : HEADERS) {
            String value = ctx.header(name);
            if (value != null && !value.isEmpty() && (passCredentials || !name.equals("Authorization"))) {
                headers.put(name, value);
            }
        }
        try {
            QueryStream.relay(ctx, router.promRead(shard, query, body, headers), false);
        } catch (NoReplicaException e) {
            throw RejectedRequestException.unavailable(e.getMessage(), e);
        }
    }

    private String shard(byte[] body) {
        List<String> names;
        try {
            names = PromReadRequest.metricNames(Snappy.uncompress(body));
        } catch (IOException | IllegalArgumentException e) {
            throw RejectedRequestException.badRequest("influx-ha: cannot read the remote-read request (snappy-compressed "
                    + "protobuf ReadRequest expected): " + e.getMessage());
        }
        Set<String> shards = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null) {
                shards.addAll(router.shardNames());
            } else {
                shards.add(router.shardFor(name));
            }
        }
        if (router.shardNames().size() == 1) {
            return router.shardNames().get(0);
        }
        if (shards.size() != 1) {
            throw RejectedRequestException.badRequest("influx-ha: this remote read needs shards " + shards
                    + ": only reads of one shard are supported; select metrics with __name__=\"...\" of one shard");
        }
        return shards.iterator().next();
    }
}
