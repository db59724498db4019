package io.influxha.core.config;

import java.util.List;

/**
 * {@code gateway.auth}: when enabled, every write endpoint (and, through the gateway's auth seam,
 * {@code /query}) needs the credentials of one of {@code users}; {@code /ping} and {@code /health}
 * stay open, as in InfluxDB 1.8.
 */
public record AuthSettings(boolean enabled, List<AuthUser> users) {

    public AuthSettings {
        users = users == null ? null : List.copyOf(users);
    }

    public static AuthSettings disabled() {
        return new AuthSettings(false, List.of());
    }
}
