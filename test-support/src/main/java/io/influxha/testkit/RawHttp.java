package io.influxha.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request over a plain loopback socket, with the request target sent exactly as
 * given (a fuzzer's broken percent-encodings included) and the answer read whatever its headers
 * hold: influxd writes raw control characters of a query into X-Influxdb-Error, which Java's
 * HttpClient refuses. A connection closed before a whole answer arrived is an IOException.
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 60_000;

    /** @param head the status line and headers, as received */
    public record Response(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {}

    public static Response postForm(int port, String path, String form) throws IOException {
        return send(port, "POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code method target} with {@code headers} and {@code body} (Content-Length added) and reads the answer. */
    public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        if (split < 0 || !all.startsWith("HTTP/1.")) {
            throw new IOException("no whole answer: " + raw.length + " bytes before the connection closed");
        }
        String head = all.substring(0, split);
        int status = Integer.parseInt(head.substring(9, 12));
        byte[] payload = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            payload = dechunk(payload);
        }
        return new Response(status, head, new String(payload, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream s = new ByteArrayInputStream(in);
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int c = s.read(); c != '\n'; c = s.read()) {
                if (c < 0) {
                    throw new IOException("chunked body ends before its last chunk");
                }
                line.append((char) c);
            }
            int size = Integer.parseInt(line.toString().trim().split(";")[0], 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(s.readNBytes(size));
            s.readNBytes(2);
        }
    }
}
