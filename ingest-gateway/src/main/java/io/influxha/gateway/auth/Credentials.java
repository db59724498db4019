package io.influxha.gateway.auth;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The credentials of a request, found as InfluxDB 1.8's {@code parseCredentials} finds them, in
 * this order: {@code u} and {@code p} query parameters (both non-empty); then the
 * {@code Authorization} header as {@code Bearer <jwt>}, {@code Token <user>:<pass>} (the v2 and
 * client-library form) or {@code Basic <base64(user:pass)>}. {@code toString} never shows the password.
 */
record Credentials(String username, String password, boolean bearer) {
    static final String UNPARSABLE = "unable to parse authentication credentials";

    /** @throws AuthException 401 when the request carries none in a form InfluxDB reads */
    static Credentials of(Context ctx) {
        String u = ctx.queryParam("u");
        String p = ctx.queryParam("p");
        if (u != null && !u.isEmpty() && p != null && !p.isEmpty()) {
            return new Credentials(u, p, false);
        }
        String header = ctx.header("Authorization");
        if (header != null && !header.isEmpty()) {
            Credentials fromHeader = fromHeader(header);
            if (fromHeader != null) {
                return fromHeader;
            }
        }
        throw AuthException.unauthorized(UNPARSABLE);
    }

    private static Credentials fromHeader(String header) {
        String[] parts = header.split(" ", -1);
        if (parts.length == 2 && parts[0].equals("Bearer")) {
            return new Credentials("", "", true);
        }
        if (parts.length == 2 && parts[0].equals("Token")) {
            int colon = parts[1].indexOf(':');
            if (colon >= 0) {
                return new Credentials(parts[1].substring(0, colon), parts[1].substring(colon + 1), false);
            }
        }
        return basic(header);
    }

    /** Go's Request.BasicAuth: a case-insensitive "Basic " prefix, standard base64, split at the first colon. */
    private static Credentials basic(String header) {
        String prefix = "Basic ";
        if (header.length() < prefix.length() || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(prefix.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), false);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=[hidden], bearer=" + bearer + "]";
    }
}
