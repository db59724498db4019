package io.influxha.writer;

import io.influxha.core.metrics.Metrics;
import io.influxha.writer.BackendResponse.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The writer's meters, tagged by backend (several instances of one backend add to the same ones),
 * each with its HELP text: points written, dead-lettered and discarded, retries by
 * {@code decision}, voided statements, and histograms of write latency (by {@code outcome}: the
 * decision its answer led to) and of points per write. A growing
 * {@code influxha_writer_write_retries_total{decision="MISCONFIGURED"}} is the loud case: a
 * partition waits for an operator (credentials, URL, a server limit such as max-series-per-database).
 */
final class WriterMeters {
    private static final double[] BATCH_POINTS_BUCKETS = {1, 10, 100, 1_000, 5_000, 10_000, 50_000};

    private WriterMeters() {}

    /**
     * Registers at 0 the counters the alert rules watch with {@code increase()}
     * (deploy/prometheus/alerts.yml): a counter that first appears at 1 shows Prometheus no increase.
     */
    static void registerAtStart(String backend) {
        pointsWritten(backend, 0);
        deadLettered(backend, 0);
        retryCounter(backend, Decision.MISCONFIGURED);
    }

    static void pointsWritten(String backend, long points) {
        counter("influxha_writer_points_written", "Points a backend answered 2xx for", backend).increment(points);
    }

    static void deadLettered(String backend, long points) {
        counter("influxha_writer_points_dead_lettered", "Points sent to the dead-letter topic with the backend's refusal", backend)
                .increment(points);
    }

    /** Counts points not written because the database incarnation they were accepted for was dropped since. */
    static void discarded(String backend, long points) {
        counter("influxha_writer_points_discarded",
                "Points not written because the database or policy incarnation they were accepted for was dropped since", backend)
                .increment(points);
    }

    /** Counts a barrier statement a partition gave up because a copy of it can never arrive (docs/ddl-through-the-log.md). */
    static void ddlVoided(String backend) {
        counter("influxha_writer_ddl_voided", "Barrier statements voided because a copy of them can never arrive", backend).increment();
    }

    /** Counts a partition taken over without a clean handover that wrote in its takeover window and was written again after it. */
    static void takeoverWrittenAgain(String backend) {
        counter("influxha_writer_takeovers_written_again",
                "Partitions taken over without a clean handover whose takeover-window writes were sent again after the window", backend)
                .increment();
    }

    /** Counts one failed attempt that will be retried. */
    static void retry(String backend, Decision decision) {
        retryCounter(backend, decision).increment();
    }

    private static Counter retryCounter(String backend, Decision decision) {
        return Counter.builder("influxha_writer_write_retries")
                .description("Failed attempts that will be retried, by the decision the backend's answer led to")
                .tags("backend", backend, "decision", decision.name()).register(Metrics.registry());
    }

    /** One write to a backend answered (or failed) {@code nanos} after it was sent, carrying {@code points}. */
    static void write(String backend, long points, long nanos, Decision outcome) {
        Timer.builder("influxha_writer_write")
                .description("Time from sending a write to a backend to the writer taking its answer, by the decision the answer led to")
                .tags("backend", backend, "outcome", outcome.name())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(Metrics.registry()).record(Duration.ofNanos(nanos));
        DistributionSummary.builder("influxha_writer_batch_points")
                .description("Points per write sent to a backend")
                .tags("backend", backend).serviceLevelObjectives(BATCH_POINTS_BUCKETS)
                .register(Metrics.registry()).record(points);
    }

    private static Counter counter(String name, String help, String backend) {
        return Counter.builder(name).description(help).tags("backend", backend).register(Metrics.registry());
    }
}
