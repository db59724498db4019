package io.influxha.gateway;

import io.javalin.http.Context;

/**
 * The response shapes of InfluxDB 1.8 (services/httpd/handler.go {@code httpError} and
 * response_writer.go): a JSON body {@code {"error":"..."}} plus a newline, with the same text,
 * cut to 1024 characters, in {@code X-Influxdb-Error}. Strings are escaped as Go's encoding/json
 * does (including {@code <>&}), so bodies compare byte for byte with a real influxd.
 */
final class InfluxErrors {
    static final String ERROR_HEADER = "X-Influxdb-Error";
    private static final int MAX_HEADER_CHARS = 1024;

    private InfluxErrors() {}

    static void write(Context ctx, int status, String message) {
        String header = message.length() > MAX_HEADER_CHARS ? message.substring(0, MAX_HEADER_CHARS) : message;
        ctx.header(ERROR_HEADER, headerSafe(header));
        if (status == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(status).contentType("application/json").result("{\"error\":" + jsonString(message) + "}\n");
    }

    /**
     * Go's header writer turns CR and LF into spaces; the other control characters a bad line can
     * carry (NUL, ESC...) it sends raw, which strict clients (Java's HttpClient) reject as an invalid
     * header, losing the response. Every control character becomes a space here; the JSON body
     * keeps the exact text.
     */
    static String headerSafe(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** A JSON string literal escaped like Go's json.Marshal (HTML-safe). */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code %q} for the printable ASCII and common escapes clients actually send. */
    static String goQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
