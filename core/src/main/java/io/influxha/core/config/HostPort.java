package io.influxha.core.config;

/** A listen address such as {@code 127.0.0.1:8086}; port 0 picks a free port. */
public record HostPort(String host, int port) {

    /**
     * Reads {@code host:port}; an IPv6 host is written in brackets, {@code [::1]:8086}.
     *
     * @throws IllegalArgumentException with the reason, for use after {@code invalid value X: }
     */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 host must be written in brackets, e.g. \"[::1]:8086\"");
        }
        if (colon < 0 || host.isBlank() || host.contains(" ")) {
            throw new IllegalArgumentException("expected host:port, e.g. \"127.0.0.1:8086\"");
        }
        String port = text.substring(colon + 1);
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("the port must be a number from 0 to 65535");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
