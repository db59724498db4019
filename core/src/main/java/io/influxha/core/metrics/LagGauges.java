package io.influxha.core.metrics;

import io.influxha.core.KafkaCluster;
import io.influxha.core.LagReport;
import io.influxha.core.config.InfluxHaConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@link LagReport} every interval on its own thread and exposes it as gauges, one set
 * per consumer ({@code consumer} tag: a backend name or {@code router}) and partition:
 * {@code influxha_consumer_committed_offset}, {@code influxha_consumer_end_offset},
 * {@code influxha_consumer_lag_records}, {@code influxha_consumer_lag_seconds},
 * {@code influxha_consumer_lost_records} (retention deleted what the group never read) and
 * {@code influxha_consumer_retention_used_ratio} (age of the oldest pending record over the
 * topic's retention.ms; a WARN line at every refresh from {@link LagReport#RISK_SHARE} on).
 * Per consumer group ({@code consumer} tag) {@code influxha_consumer_group_offsets_retention_used_ratio}:
 * time the group has been seen without members over the broker's {@code offsets.retention.minutes}
 * (Kafka then deletes its committed offsets), WARN {@code event=offsets_retention_at_risk} at every
 * refresh from {@link LagReport#RISK_SHARE} on. Every refresh also publishes the problems as
 * {@link RetentionAlerts} for {@code /health}.
 * A failed refresh keeps the last values and is logged; {@code influxha_lag_refresh_failures_total}
 * counts them. Beside it, with the same interval and lifetime (and {@link System#nanoTime} as its
 * clock), runs the {@link StuckLsoGauges} watch of stuck last stable offsets.
 */
public final class LagGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LagGauges.class);

    private final LagReport report;
    private final MeterRegistry registry;
    private final Map<String, LagReport.Row> latest = new ConcurrentHashMap<>();
    private final Map<String, OffsetsRetentionWatch.Watched> groups = new ConcurrentHashMap<>();
    private final OffsetsRetentionWatch watch;
    private StuckLsoGauges stuckLso;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "influxha-lag-gauges");
        t.setDaemon(true);
        return t;
    });

    /** Registers nothing but the failures counter and refreshes nothing: {@link #start} schedules the refreshes. */
    LagGauges(LagReport report, MeterRegistry registry, Clock clock) {
        this.report = report;
        this.registry = registry;
        this.watch = new OffsetsRetentionWatch(clock);
        refreshFailures(); // at 0 from the start: the alert rules watch it with increase()
    }

    public static LagGauges start(InfluxHaConfig config, KafkaCluster kafka, Duration interval) {
        return start(config, kafka, interval, Clock.systemUTC());
    }

    /** {@code clock} times how long groups stay Empty; tests move it instead of waiting days. */
    public static LagGauges start(InfluxHaConfig config, KafkaCluster kafka, Duration interval, Clock clock) {
        LagGauges gauges = new LagGauges(LagReport.open(config, kafka), Metrics.registry(), clock);
        try {
            gauges.stuckLso = StuckLsoGauges.start(config, kafka, interval, System::nanoTime, LsoWatch.STUCK_AFTER);
        } catch (RuntimeException e) {
            gauges.report.close();
            throw e;
        }
        gauges.timer.scheduleWithFixedDelay(gauges::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return gauges;
    }

    /**
     * One refresh: lag and group watch fail separately, so one failing keeps the other current; alerts
     * follow both. Whatever else fails is caught too: an exception out of a scheduled task would
     * cancel it without a word.
     */
    void refresh() {
        try {
            look();
        } catch (RuntimeException e) {
            refreshFailures().increment();
            log.warn("event=lag_refresh_failed error=\"{}\"", e.toString());
        }
    }

    private void look() {
        try {
            for (LagReport.Row row : report.read()) {
                String key = row.consumer() + "/" + row.partition();
                if (!latest.containsKey(key)) {
                    register(key, row); // first, so that a registration that failed is tried again at the next refresh
                }
                latest.put(key, row);
                warnIfAtRisk(row);
            }
        } catch (RuntimeException e) {
            refreshFailures().increment();
            log.warn("event=lag_refresh_failed error=\"{}\"", e.toString());
        }
        try {
            for (OffsetsRetentionWatch.Watched g : watch.update(report.groups())) {
                if (!groups.containsKey(g.consumer())) {
                    Gauge.builder("influxha_consumer_group_offsets_retention_used_ratio", groups,
                            m -> m.containsKey(g.consumer()) ? m.get(g.consumer()).usedRatio() : Double.NaN)
                            .description("Time the group has been empty over the broker's offsets.retention.minutes (1 = its offsets are deleted)")
                            .tags("consumer", g.consumer()).register(registry);
                }
                groups.put(g.consumer(), g);
                warnIfGroupAtRisk(g);
            }
        } catch (RuntimeException e) {
            refreshFailures().increment();
            log.warn("event=group_watch_failed error=\"{}\"", e.toString());
        }
        RetentionAlerts.publish(RetentionAlerts.of(latest.values(), groups.values()));
    }

    private void register(String key, LagReport.Row row) {
        Tags tags = Tags.of("consumer", row.consumer(), "topic", row.partition().topic(),
                "partition", Integer.toString(row.partition().partition()));
        gauge("influxha_consumer_committed_offset", "Offset the consumer (a backend's writers, or the router) committed", key, tags,
                r -> r.committed());
        gauge("influxha_consumer_end_offset", "read_committed end of the partition", key, tags, r -> r.end());
        gauge("influxha_consumer_lag_records", "Records between the committed offset and the end", key, tags, r -> r.lagRecords());
        gauge("influxha_consumer_lag_seconds", "Age of the oldest record not yet committed (0 when caught up)", key, tags,
                LagReport.Row::lagSecondsOrZero);
        gauge("influxha_consumer_lost_records", "Records retention deleted before the consumer read them", key, tags,
                r -> r.lost() ? r.logStart() - r.committed() : 0);
        gauge("influxha_consumer_retention_used_ratio", "Lag in seconds over the topic's retention.ms (1 = records are being lost)",
                key, tags, LagReport.Row::retentionUsed);
    }

    /** Retention watch: said at every refresh while it lasts, so it cannot be missed in the logs. */
    private static void warnIfAtRisk(LagReport.Row r) {
        if (r.lost()) {
            log.error("event=records_lost consumer={} topic={} partition={} committed={} log_start={} lost={}",
                    r.consumer(), r.partition().topic(), r.partition().partition(), r.committed(), r.logStart(),
                    r.logStart() - r.committed());
        } else if (r.atRisk()) {
            log.warn("event=retention_at_risk consumer={} topic={} partition={} lag_seconds={} retention_ms={} used={}",
                    r.consumer(), r.partition().topic(), r.partition().partition(), r.lagSecondsOrZero(), r.retentionMs(),
                    String.format(java.util.Locale.ROOT, "%.2f", r.retentionUsed()));
        }
    }

    /** Offsets watch: a group seen Empty is logged once, then at every refresh from half of the offsets retention. */
    private static void warnIfGroupAtRisk(OffsetsRetentionWatch.Watched g) {
        if (g.atRisk()) {
            log.warn("event=offsets_retention_at_risk consumer={} group={} empty_seconds={} offsets_retention_minutes={} used={}"
                    + " effect=\"Kafka deletes the committed offsets at used=1.00; the group then replays from the earliest retained record\"",
                    g.consumer(), g.group(), g.emptyFor().toSeconds(), g.offsetsRetentionMs() / 60_000,
                    String.format(java.util.Locale.ROOT, "%.2f", g.usedRatio()));
        } else if (g.empty() && g.emptyFor().isZero()) {
            log.info("event=consumer_group_empty consumer={} group={} offsets_retention_minutes={}",
                    g.consumer(), g.group(), g.offsetsRetentionMs() / 60_000);
        }
    }

    private void gauge(String name, String help, String key, Tags tags, ToDoubleFunction<LagReport.Row> value) {
        Gauge.builder(name, latest, m -> m.containsKey(key) ? value.applyAsDouble(m.get(key)) : Double.NaN)
                .description(help).tags(tags).register(registry);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RetentionAlerts.publish(List.of());
        if (stuckLso != null) {
            stuckLso.close();
        }
        report.close();
    }

    private io.micrometer.core.instrument.Counter refreshFailures() {
        return io.micrometer.core.instrument.Counter.builder("influxha_lag_refresh_failures")
                .description("Refreshes of the lag gauges or the offsets-retention watch that failed (Kafka unreachable)")
                .register(registry);
    }
}
