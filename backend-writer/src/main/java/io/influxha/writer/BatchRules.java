package io.influxha.writer;

import io.influxha.core.config.WriterSettings;

/** Limits and pacing every partition of one writer follows. */
record BatchRules(String backend, int batchPoints, long batchBytes, long flushIntervalNanos, Backoff backoff) {
    /** Halvings allowed per batch while isolating rejected points; past it, whole pieces are dead-lettered. */
    static final int MAX_SPLITS_PER_BATCH = 1024;

    static BatchRules of(String backend, WriterSettings writer) {
        return new BatchRules(backend, writer.batchPoints(), writer.batchBytes().bytes(), writer.flushInterval().toNanos(),
                new Backoff(writer.retryInitialBackoff(), writer.retryMaxBackoff()));
    }
}
