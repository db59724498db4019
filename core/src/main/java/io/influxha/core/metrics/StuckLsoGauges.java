package io.influxha.core.metrics;

import io.influxha.core.KafkaCluster;
import io.influxha.core.PartitionEnds;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.health.HealthChecks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link LsoWatch} every interval on its own thread over {@link PartitionEnds} and
 * publishes it: {@code influxha_kafka_lso_stuck_seconds{topic,partition}} for every watched
 * partition (0 when its LSO is at the high watermark or moving), {@code influxha_kafka_lso_stuck_partitions}
 * (partitions stuck for at least the threshold), health checks of source {@code stuck-lso} (WARN,
 * one per stuck partition), a WARN line when a partition becomes stuck and an INFO line when its
 * LSO moves again. It only observes: the repair is {@code influx-ha transactions}
 * (docs/stuck-transactions.md). A failed look, or a partition whose leader does not answer, keeps
 * the last values, is logged and counted in {@code influxha_lag_refresh_failures_total}; the other
 * partitions stay current. Time is {@link System#nanoTime}'s, never the wall clock's.
 */
public final class StuckLsoGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StuckLsoGauges.class);
    static final String HEALTH_SOURCE = "stuck-lso";

    private final Supplier<PartitionEnds.Read> ends;
    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Duration threshold;
    private final Runnable onClose;
    private final LsoWatch watch = new LsoWatch();
    private final Map<TopicPartition, LsoWatch.Watched> latest = new ConcurrentHashMap<>();
    private final Set<TopicPartition> reported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "influxha-stuck-lso");
        t.setDaemon(true);
        return t;
    });

    /** {@code nanoTime} is {@link System#nanoTime} but in tests: a monotonic clock, so an NTP step moves no span. */
    StuckLsoGauges(Supplier<PartitionEnds.Read> ends, MeterRegistry registry, LongSupplier nanoTime, Duration threshold,
            Runnable onClose) {
        this.ends = ends;
        this.registry = registry;
        this.nanoTime = nanoTime;
        this.threshold = threshold;
        this.onClose = onClose;
        Gauge.builder("influxha_kafka_lso_stuck_partitions", latest, m -> m.values().stream().filter(w -> w.stuck(threshold)).count())
                .description("Partitions whose last stable offset has stayed below the high watermark without moving for at least "
                        + threshold.toSeconds() + " s (an open transaction stops read_committed consumers there)")
                .register(registry);
    }

    /** Watches the project's topics and {@code __consumer_offsets} with one admin client of its own. */
    public static StuckLsoGauges start(InfluxHaConfig config, KafkaCluster kafka, Duration interval, LongSupplier nanoTime,
            Duration threshold) {
        Admin admin = kafka.admin("stuck-lso");
        Set<String> topics = PartitionEnds.watchedTopics(config);
        StuckLsoGauges gauges = new StuckLsoGauges(() -> PartitionEnds.read(admin, topics), Metrics.registry(), nanoTime, threshold,
                () -> admin.close(Duration.ZERO)); // it only reads: nothing pending is worth a wait
        gauges.timer.scheduleWithFixedDelay(gauges::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return gauges;
    }

    /**
     * One look; whatever fails in it (the read, a gauge's registration, the health publication) is
     * logged and counted and keeps the last values, so the scheduled task never dies of it. A
     * partition that could not be read keeps its last value and its span, and is named in the log.
     */
    void refresh() {
        try {
            look();
        } catch (RuntimeException e) {
            failures().increment();
            log.warn("event=stuck_lso_refresh_failed error=\"{}\"", e.toString());
        }
    }

    private void look() {
        PartitionEnds.Read read = ends.get();
        List<LsoWatch.Watched> watched = watch.update(read.ends(), read.unreadable().keySet(), nanoTime.getAsLong() / 1_000_000);
        latest.keySet().removeIf(tp -> !read.ends().containsKey(tp) && !read.unreadable().containsKey(tp));
        for (LsoWatch.Watched w : watched) {
            if (!latest.containsKey(w.partition())) {
                register(w.partition()); // first, so that a registration that failed is tried again at the next look
            }
            latest.put(w.partition(), w);
            logTransition(w);
        }
        HealthChecks.publish(HEALTH_SOURCE, latest().stream().filter(w -> w.stuck(threshold))
                .map(w -> new HealthChecks.Check(HEALTH_SOURCE, HealthChecks.Status.WARN, w.describe())).toList());
        if (!read.unreadable().isEmpty()) {
            failures().increment();
            log.warn("event=stuck_lso_partitions_unreadable partitions={} errors=\"{}\"", read.unreadable().size(), read.unreadable());
        }
    }

    private Counter failures() {
        return Counter.builder("influxha_lag_refresh_failures")
                .description("Refreshes of the lag gauges or the offsets-retention watch that failed (Kafka unreachable)")
                .register(registry);
    }

    /** What the last look found, sorted by topic and partition. */
    public List<LsoWatch.Watched> latest() {
        return latest.values().stream().sorted(java.util.Comparator.comparing((LsoWatch.Watched w) -> w.partition().topic())
                .thenComparingInt(w -> w.partition().partition())).toList();
    }

    private void register(TopicPartition tp) {
        Gauge.builder("influxha_kafka_lso_stuck_seconds", latest,
                        m -> m.containsKey(tp) ? m.get(tp).stuckFor().toMillis() / 1000.0 : 0)
                .description("Seconds the partition's last stable offset has stayed below its high watermark without moving (0 when fine)")
                .tags("topic", tp.topic(), "partition", Integer.toString(tp.partition())).register(registry);
    }

    /** Once when a partition becomes stuck, once when its LSO moves again: state changes, not a line per look. */
    private void logTransition(LsoWatch.Watched w) {
        TopicPartition tp = w.partition();
        if (w.stuck(threshold) && reported.add(tp)) {
            log.warn("event=lso_stuck topic={} partition={} high_watermark={} last_stable_offset={} stuck_seconds={} help=\"{}\"",
                    tp.topic(), tp.partition(), w.highWatermark(), w.lastStable(), w.stuckFor().toSeconds(), w.describe());
        } else if (!w.stuck(threshold) && reported.remove(tp)) {
            log.info("event=lso_moved topic={} partition={} high_watermark={} last_stable_offset={}",
                    tp.topic(), tp.partition(), w.highWatermark(), w.lastStable());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HealthChecks.publish(HEALTH_SOURCE, List.of());
        onClose.run();
    }
}
