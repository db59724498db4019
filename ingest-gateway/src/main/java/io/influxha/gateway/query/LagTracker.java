package io.influxha.gateway.query;

import io.influxha.core.KafkaCluster;
import io.influxha.core.OffsetsReader;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, reads each backend's lag per shard with {@link OffsetsReader}: its writer group's
 * committed offsets against the shard topic's read_committed end. A backend whose lag cannot be
 * read gets "unknown" (-1) until the next successful read. Runs on one daemon thread.
 */
final class LagTracker implements Replicas.LagSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LagTracker.class);

    private final InfluxHaConfig config;
    private final Admin admin;
    private final OffsetsReader offsets;
    private final Duration interval;
    private final Map<String, Long> lags = new ConcurrentHashMap<>();
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-lag-tracker");
        t.setDaemon(true);
        return t;
    });

    LagTracker(InfluxHaConfig config, KafkaCluster kafka, Duration interval) {
        this.config = config;
        this.admin = kafka.admin("gateway-lag");
        this.offsets = new OffsetsReader(admin);
        this.interval = interval;
    }

    /** The offsets reader this tracker reads with, shared by read-your-writes. */
    OffsetsReader offsets() {
        return offsets;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::readAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public long lag(String backend, String shard) {
        return lags.getOrDefault(backend + "/" + shard, -1L);
    }

    private void readAll() {
        String prefix = config.kafka().topicPrefix();
        for (var backend : config.backends()) {
            List<ShardSettings> shards = config.shardsOf(backend.name());
            try {
                List<String> topics = shards.stream().map(s -> Topics.shard(prefix, s.name())).toList();
                Map<String, Long> byTopic = new java.util.HashMap<>();
                offsets.lag(Topics.writerGroup(prefix, backend.name()), topics)
                        .forEach(p -> byTopic.merge(p.partition().topic(), p.lag(), Long::sum));
                shards.forEach(s -> lags.put(backend.name() + "/" + s.name(), byTopic.getOrDefault(Topics.shard(prefix, s.name()), 0L)));
                lastFailure.remove(backend.name());
            } catch (RuntimeException e) {
                shards.forEach(s -> lags.remove(backend.name() + "/" + s.name()));
                if (!e.toString().equals(lastFailure.put(backend.name(), e.toString()))) {
                    log.warn("event=lag_unreadable backend={} error=\"{}\"", backend.name(), e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
