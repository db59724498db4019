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
        Secret password) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A backend with every optional key at its default: no gzip, 2s/30s timeouts, no credentials. */
    public static BackendSettings of(String name, URI url) {
        return new BackendSettings(name, url, false, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, "", Secret.NONE);
    }

    /**
     * The {@code Authorization} header for the configured credentials: HTTP Basic, which InfluxDB
     * 1.x reads on every endpoint; null without a username. Never sent as {@code u}/{@code p}
     * parameters (a URL ends up in access logs).
     */
    public String basicAuthorization() {
        return username.isEmpty() ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
