package io.influxha.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's one meter registry, rendered in Prometheus' text format for {@code GET /metrics}.
 * Every role of the process (with {@code all}: all of them) registers its meters here, so one
 * scrape of the gateway sees the writers', the router's and the lag gauges.
 */
public final class Metrics {
    /** Content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private Metrics() {}

    public static MeterRegistry registry() {
        return REGISTRY;
    }

    /** Every meter of this process, in Prometheus text format. */
    public static String scrape() {
        return REGISTRY.scrape();
    }
}
