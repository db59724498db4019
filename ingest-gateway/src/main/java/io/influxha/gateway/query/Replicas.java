package io.influxha.gateway.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica of a shard should answer a read. Order of preference: healthy (its last /ping
 * answered, or no check has run yet), then lag within {@code max_read_lag}, then lag unknown
 * (Kafka unreadable), then lagging more; inside a group the smallest lag first, then
 * configuration order. An unhealthy replica is still listed last: when every check failed it is
 * better to try than to refuse. Thread-safe.
 */
final class Replicas {
    private static final Logger log = LoggerFactory.getLogger(Replicas.class);

    /** A replica as offered to a request; {@code lag} is -1 when unknown. */
    record Choice(String backend, long lag, boolean healthy) {}

    /** Records a backend's writer group is behind on one shard's topic, -1 when unknown. */
    interface LagSource {
        long lag(String backend, String shard);
    }

    private final Map<String, List<String>> replicasByShard;
    private final long maxReadLag;
    private final LagSource lags;
    private final Map<String, Boolean> healthy = new ConcurrentHashMap<>();

    /** Every backend that replicates some shard, each once. */
    java.util.Set<String> backends() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        replicasByShard.values().forEach(all::addAll);
        return all;
    }

    Replicas(Map<String, List<String>> replicasByShard, long maxReadLag, LagSource lags) {
        this.replicasByShard = new LinkedHashMap<>(replicasByShard);
        this.maxReadLag = maxReadLag;
        this.lags = lags;
    }

    List<String> shards() {
        return List.copyOf(replicasByShard.keySet());
    }

    /** Every replica of {@code shard}, best first. */
    List<Choice> candidates(String shard) {
        List<String> replicas = replicasByShard.getOrDefault(shard, List.of());
        List<Choice> choices = new ArrayList<>();
        for (String backend : replicas) {
            choices.add(new Choice(backend, lags.lag(backend, shard), healthy.getOrDefault(backend, true)));
        }
        choices.sort(Comparator.comparingInt(this::rank).thenComparingLong(Choice::lag));
        return choices;
    }

    private int rank(Choice c) {
        int lagRank = c.lag() < 0 ? 1 : c.lag() <= maxReadLag ? 0 : 2;
        return (c.healthy() ? 0 : 3) + lagRank;
    }

    void markHealthy(String backend, boolean ok, String reason) {
        Boolean before = healthy.put(backend, ok);
        if (before == null ? !ok : before != ok) {
            if (ok) {
                log.info("event=backend_healthy backend={}", backend);
            } else {
                log.warn("event=backend_unhealthy backend={} reason=\"{}\"", backend, reason);
            }
        }
    }

    boolean isHealthy(String backend) {
        return healthy.getOrDefault(backend, true);
    }
}
