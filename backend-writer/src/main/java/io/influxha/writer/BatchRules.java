package io.influxha.writer;

import io.influxha.core.config.WriterSettings;

/** Limits and pacing every partition of one writer follows. */
record BatchRules(String backend, int batchPoints, long batchBytes, long flushIntervalNanos, Backoff backoff, long lateWriteBoundNanos) {
    BatchRules(String backend, int batchPoints, long batchBytes, long flushIntervalNanos, Backoff backoff) {
        this(backend, batchPoints, batchBytes, flushIntervalNanos, backoff, 0);
    }

    /** Halvings allowed per batch while isolating rejected points; past it, whole pieces are dead-lettered. */
    static final int MAX_SPLITS_PER_BATCH = 1024;

    static BatchRules of(String backend, WriterSettings writer) {
        return new BatchRules(backend, writer.batchPoints(), writer.batchBytes().bytes(), writer.flushInterval().toNanos(),
                new Backoff(writer.retryInitialBackoff(), writer.retryMaxBackoff()), writer.lateWriteBound().toNanos());
    }
}
