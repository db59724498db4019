package io.influxha.core.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The process's one meter registry, rendered in Prometheus' text format for {@code GET /metrics}.
 * Every role of the process (with {@code all}: all of them) registers its meters here, so one
 * scrape of the gateway sees the writers', the router's and the lag gauges.
 */
public final class Metrics {
    /** Content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    static {
        // Kafka leaves a few of its clients' metrics without a description (node request latency):
        // every family still gets a HELP line, saying so, rather than none.
        REGISTRY.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String d = id.getDescription();
                return id.getName().startsWith("kafka.") && (d == null || d.isBlank())
                        ? new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                                "Kafka client metric " + id.getName() + " (Kafka gives it no description)", id.getType())
                        : id;
            }
        });
        // the JVM's own: memory, GC, threads, classes, CPU, uptime (Micrometer's binders, each with its HELP)
        new ClassLoaderMetrics().bindTo(REGISTRY);
        new JvmMemoryMetrics().bindTo(REGISTRY);
        new JvmGcMetrics().bindTo(REGISTRY);
        new JvmThreadMetrics().bindTo(REGISTRY);
        new ProcessorMetrics().bindTo(REGISTRY);
        new UptimeMetrics().bindTo(REGISTRY);
    }

    private Metrics() {}

    /** Binds a Kafka producer's own metrics ({@code kafka_producer_*}); close the result when the producer closes. */
    public static AutoCloseable kafka(Producer<?, ?> producer) {
        KafkaClientMetrics m = new KafkaClientMetrics(producer);
        m.bindTo(REGISTRY);
        return m;
    }

    /** Binds a Kafka consumer's own metrics ({@code kafka_consumer_*}); close the result when the consumer closes. */
    public static AutoCloseable kafka(Consumer<?, ?> consumer) {
        KafkaClientMetrics m = new KafkaClientMetrics(consumer);
        m.bindTo(REGISTRY);
        return m;
    }

    /** Closes a binding from {@link #kafka}, removing its meters; never throws. */
    public static void unbind(AutoCloseable binding) {
        try {
            binding.close();
        } catch (Exception e) {
            // meters of a closed client: nothing left to do
        }
    }

    public static MeterRegistry registry() {
        return REGISTRY;
    }

    /** Every meter of this process, in Prometheus text format. */
    public static String scrape() {
        return REGISTRY.scrape();
    }
}
