package io.influxha.core.metrics;

import io.influxha.core.LagReport;
import io.influxha.core.config.InfluxHaConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
 * per consumer ({@code backend} tag: a backend name or {@code router}) and partition:
 * {@code influxha_consumer_committed_offset}, {@code influxha_consumer_end_offset},
 * {@code influxha_consumer_lag_records}, {@code influxha_consumer_lag_seconds},
 * {@code influxha_consumer_lost_records} (retention deleted what the group never read) and
 * {@code influxha_consumer_retention_used_ratio} (age of the oldest pending record over the
 * topic's retention.ms; a WARN line at every refresh from {@link LagReport#RISK_SHARE} on).
 * A failed refresh keeps the last values and is logged; {@code influxha_lag_refresh_failures_total}
 * counts them.
 */
public final class LagGauges implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LagGauges.class);

    private final LagReport report;
    private final MeterRegistry registry;
    private final Map<String, LagReport.Row> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "influxha-lag-gauges");
        t.setDaemon(true);
        return t;
    });

    private LagGauges(LagReport report, MeterRegistry registry) {
        this.report = report;
        this.registry = registry;
    }

    public static LagGauges start(InfluxHaConfig config, String bootstrapServers, Duration interval) {
        LagGauges gauges = new LagGauges(LagReport.open(config, bootstrapServers), Metrics.registry());
        gauges.timer.scheduleWithFixedDelay(gauges::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return gauges;
    }

    void refresh() {
        try {
            List<LagReport.Row> rows = report.read();
            for (LagReport.Row row : rows) {
                String key = row.consumer() + "/" + row.partition();
                if (latest.put(key, row) == null) {
                    register(key, row);
                }
                warnIfAtRisk(row);
            }
        } catch (RuntimeException e) {
            registry.counter("influxha_lag_refresh_failures").increment();
            log.warn("event=lag_refresh_failed error=\"{}\"", e.toString());
        }
    }

    private void register(String key, LagReport.Row row) {
        Tags tags = Tags.of("backend", row.consumer(), "topic", row.partition().topic(),
                "partition", Integer.toString(row.partition().partition()));
        gauge("influxha_consumer_committed_offset", key, tags, r -> r.committed());
        gauge("influxha_consumer_end_offset", key, tags, r -> r.end());
        gauge("influxha_consumer_lag_records", key, tags, r -> r.lagRecords());
        gauge("influxha_consumer_lag_seconds", key, tags, LagReport.Row::lagSecondsOrZero);
        gauge("influxha_consumer_lost_records", key, tags, r -> r.lost() ? r.logStart() - r.committed() : 0);
        gauge("influxha_consumer_retention_used_ratio", key, tags, LagReport.Row::retentionUsed);
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

    private void gauge(String name, String key, Tags tags, ToDoubleFunction<LagReport.Row> value) {
        Gauge.builder(name, latest, m -> m.containsKey(key) ? value.applyAsDouble(m.get(key)) : Double.NaN)
                .tags(tags).register(registry);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report.close();
    }
}
