package io.influxha.core.config;

/** A listen address such as {@code 127.0.0.1:8086}; port 0 picks a free port. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
