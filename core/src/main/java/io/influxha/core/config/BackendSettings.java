package io.influxha.core.config;

import java.net.URI;
import java.time.Duration;

/**
 * One InfluxDB server.
 *
 * @param url base URL, e.g. {@code http://127.0.0.1:18086}
 * @param gzip compress write bodies sent to this backend
 * @param username empty when the backend has no authentication
 */
public record BackendSettings(
        String name,
        URI url,
        boolean gzip,
        Duration connectTimeout,
        Duration requestTimeout,
        String username,
        Secret password) {}
