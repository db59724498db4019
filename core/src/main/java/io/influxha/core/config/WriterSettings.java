package io.influxha.core.config;

import java.time.Duration;

/**
 * How writers batch and retry. A batch is flushed when it reaches {@code batchPoints} points or
 * {@code batchBytes} bytes, or when its oldest record is {@code flushInterval} old.
 */
public record WriterSettings(
        int batchPoints,
        DataSize batchBytes,
        Duration flushInterval,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff) {}
