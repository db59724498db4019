package io.influxha.core.config;

import java.util.List;

/**
 * {@code gateway.auth}: when enabled, every write endpoint (and, through the gateway's auth seam,
 * {@code /query}) needs the credentials of one of {@code users}; {@code /ping} and {@code /health}
 * stay open, as in InfluxDB 1.8.
 *
 * @param metrics who may read {@code /metrics}: open to anyone (as 1.8's own /metrics), or only a
 *     configured user (Prometheus sends them with {@code basic_auth}); only with auth enabled
 */
public record AuthSettings(boolean enabled, List<AuthUser> users, MetricsAccess metrics) {

    /** Who may scrape {@code /metrics}. */
    public enum MetricsAccess { OPEN, AUTHENTICATED }

    public AuthSettings {
        users = users == null ? null : List.copyOf(users);
    }

    public AuthSettings(boolean enabled, List<AuthUser> users) {
        this(enabled, users, MetricsAccess.OPEN);
    }

    public static AuthSettings disabled() {
        return new AuthSettings(false, List.of());
    }
}
