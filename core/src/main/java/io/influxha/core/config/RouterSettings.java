package io.influxha.core.config;

import java.time.Duration;

/** @param commitInterval Kafka Streams commit.interval.ms: bounds router latency under EOS */
public record RouterSettings(int streamThreads, Duration commitInterval) {}
