package io.influxha.core.config;

import java.time.Duration;

/**
 * How writers batch and retry. A batch is flushed when it reaches {@code batchPoints} points or
 * {@code batchBytes} bytes, or when its oldest record is {@code flushInterval} old.
 *
 * @param lateWriteBound how long after it was sent a request the writer gave up on (timed out,
 *     connection lost, partition moved) is assumed able to still land in the backend; until then
 *     its partition sends nothing else (docs/ddl-through-the-log.md, "Late requests")
 * @param listen the {@code writer} process's own /health and /metrics listener (not used by {@code all})
 */
public record WriterSettings(
        int batchPoints,
        DataSize batchBytes,
        Duration flushInterval,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Duration lateWriteBound,
        HostPort listen) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9188);

    /** 40 s: past the default request_timeout (30 s), within Kafka's default session timeout less a heartbeat (42 s). */
    public static final Duration DEFAULT_LATE_WRITE_BOUND = Duration.ofSeconds(40);

    public WriterSettings(int batchPoints, DataSize batchBytes, Duration flushInterval, Duration retryInitialBackoff, Duration retryMaxBackoff) {
        this(batchPoints, batchBytes, flushInterval, retryInitialBackoff, retryMaxBackoff, DEFAULT_LATE_WRITE_BOUND);
    }

    public WriterSettings(int batchPoints, DataSize batchBytes, Duration flushInterval, Duration retryInitialBackoff, Duration retryMaxBackoff,
            Duration lateWriteBound) {
        this(batchPoints, batchBytes, flushInterval, retryInitialBackoff, retryMaxBackoff, lateWriteBound, DEFAULT_LISTEN);
    }

    /** 5000 points or 4MiB per batch, flushed after 100ms; retries back off from 100ms to 10s; listening on 127.0.0.1:9188. */
    public static WriterSettings defaults() {
        return new WriterSettings(5000, DataSize.ofMebibytes(4), Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
