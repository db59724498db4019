package io.influxha.core.config;

import java.time.Duration;

/**
 * @param maxBodySize largest request body accepted, compressed or not (InfluxDB's max-body-size)
 * @param publishTimeout how long a request waits for Kafka's acknowledgement before a 503
 */
public record GatewaySettings(
        HostPort listen,
        DataSize maxBodySize,
        Duration publishTimeout) {

    /** 127.0.0.1:8086, InfluxDB's 25000000-byte body limit, 10s to get Kafka's acknowledgement. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(new HostPort("127.0.0.1", 8086), DataSize.ofBytes(25_000_000), Duration.ofSeconds(10));
    }
}
