package io.influxha.core.config;

import io.influxha.core.lp.Precision;
import java.time.Duration;

/**
 * One UDP line-protocol listener of the gateway ({@code gateway.udp[]}), as InfluxDB's {@code [[udp]]}
 * section: datagrams to {@code listen} are written to {@code database}/{@code retentionPolicy} with
 * timestamps in {@code precision}, batched into one publish per {@code batchSize} lines or
 * {@code batchTimeout}, whichever comes first. UDP has no answer, so it is at most once.
 */
public record UdpListenerSettings(
        HostPort listen,
        String database,
        String retentionPolicy,
        Precision precision,
        int batchSize,
        Duration batchTimeout) {

    public static final int DEFAULT_BATCH_SIZE = 5000;
    public static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofSeconds(1);
}
