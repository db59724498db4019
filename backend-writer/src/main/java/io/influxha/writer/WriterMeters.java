package io.influxha.writer;

import io.influxha.core.metrics.Metrics;
import io.influxha.writer.BackendResponse.Decision;

/**
 * The writer's meters, tagged by backend (several instances of one backend add to the same ones):
 * {@code influxha_writer_points_written_total}, {@code influxha_writer_points_dead_lettered_total},
 * and {@code influxha_writer_write_retries_total{decision}}. A growing
 * {@code decision="MISCONFIGURED"} is the loud case: a partition waits for an operator
 * (credentials, URL, a server limit such as max-series-per-database).
 */
final class WriterMeters {
    private WriterMeters() {}

    static void pointsWritten(String backend, long points) {
        Metrics.registry().counter("influxha_writer_points_written", "backend", backend).increment(points);
    }

    static void deadLettered(String backend, long points) {
        Metrics.registry().counter("influxha_writer_points_dead_lettered", "backend", backend).increment(points);
    }

    /** Counts one failed attempt that will be retried. */
    static void retry(String backend, Decision decision) {
        Metrics.registry().counter("influxha_writer_write_retries", "backend", backend, "decision", decision.name()).increment();
    }
}
