package io.influxha.writer;

import io.influxha.core.metrics.Metrics;
import io.influxha.writer.BackendResponse.Decision;

/**
 * The writer's meters, tagged by backend (several instances of one backend add to the same ones):
 * {@code influxha_writer_points_written_total}, {@code influxha_writer_points_dead_lettered_total},
 * {@code influxha_writer_write_retries_total{decision}} and {@code influxha_writer_ddl_voided_total}. A growing
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

    /** Counts points not written because the database incarnation they were accepted for was dropped since. */
    static void discarded(String backend, long points) {
        Metrics.registry().counter("influxha_writer_points_discarded", "backend", backend).increment(points);
    }

    /** Counts a barrier statement a partition gave up because a copy of it can never arrive (docs/ddl-through-the-log.md). */
    static void ddlVoided(String backend) {
        Metrics.registry().counter("influxha_writer_ddl_voided", "backend", backend).increment();
    }

    /** Counts one failed attempt that will be retried. */
    static void retry(String backend, Decision decision) {
        Metrics.registry().counter("influxha_writer_write_retries", "backend", backend, "decision", decision.name()).increment();
    }
}
