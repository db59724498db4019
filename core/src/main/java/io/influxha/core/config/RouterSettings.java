package io.influxha.core.config;

import java.time.Duration;

/** @param commitInterval Kafka Streams commit.interval.ms: bounds router latency under EOS */
public record RouterSettings(int streamThreads, Duration commitInterval) {

    /** One stream thread, committing every 100ms. */
    public static RouterSettings defaults() {
        return new RouterSettings(1, Duration.ofMillis(100));
    }
}
