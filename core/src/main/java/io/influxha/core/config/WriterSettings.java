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
        Duration retryMaxBackoff) {

    /** 5000 points or 4MiB per batch, flushed after 100ms; retries back off from 100ms to 10s. */
    public static WriterSettings defaults() {
        return new WriterSettings(5000, DataSize.ofMebibytes(4), Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
