package io.influxha.core.config;

import java.time.Duration;

/**
 * @param maxBodySize largest request body accepted, compressed or not (InfluxDB's max-body-size)
 * @param publishTimeout how long a request waits for Kafka's acknowledgement before a 503
 */
public record GatewaySettings(
        HostPort listen,
        DataSize maxBodySize,
        Duration publishTimeout) {}
