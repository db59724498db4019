package io.influxha.core.config;

import java.time.Duration;

/**
 * @param commitInterval Kafka Streams commit.interval.ms: bounds router latency under EOS
 * @param listen the {@code router} process's own /health and /metrics listener (not used by {@code all})
 */
public record RouterSettings(int streamThreads, Duration commitInterval, HostPort listen) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9187);

    public RouterSettings(int streamThreads, Duration commitInterval) {
        this(streamThreads, commitInterval, DEFAULT_LISTEN);
    }

    /** One stream thread, committing every 100ms, listening on 127.0.0.1:9187. */
    public static RouterSettings defaults() {
        return new RouterSettings(1, Duration.ofMillis(100));
    }
}
