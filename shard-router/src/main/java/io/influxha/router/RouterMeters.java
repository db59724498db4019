package io.influxha.router;

import io.influxha.core.metrics.Metrics;
import io.micrometer.core.instrument.FunctionCounter;
import java.util.concurrent.atomic.LongAdder;

/**
 * The router's counters on {@code /metrics}: {@code influxha_router_records_total},
 * {@code influxha_router_points_total}, {@code influxha_router_rejected_lines_total},
 * {@code influxha_router_ddl_total}. Upper bounds under exactly-once (see {@link RouterCounters}).
 * One router per process: a second registration keeps the first one's counters.
 */
final class RouterMeters {
    private RouterMeters() {}

    static void register(RouterCounters counters) {
        counter("influxha_router_records", counters.records, "ingest records routed");
        counter("influxha_router_points", counters.points, "points routed to shard topics");
        counter("influxha_router_rejected_lines", counters.rejectedLines, "unparsable lines sent to the dead-letter topic");
        counter("influxha_router_ddl", counters.ddl, "DDL statements broadcast to shard topics");
    }

    private static void counter(String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(Metrics.registry());
    }

    /** Binds the Streams app's own metrics ({@code kafka_stream_*}); closing the result removes them. */
    static io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics bind(org.apache.kafka.streams.KafkaStreams streams) {
        var m = new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams);
        m.bindTo(Metrics.registry());
        return m;
    }
}
