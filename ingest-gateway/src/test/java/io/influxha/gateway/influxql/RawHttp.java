package io.influxha.gateway.influxql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A one-request HTTP/1.1 client over a plain socket, for answers Java's HttpClient refuses to read
 * (influxd writes raw control characters of a query into its X-Influxdb-Error header).
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;

    record Response(int status, String body) {}

    private RawHttp() {}

    static Response postForm(int port, String path, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return parse(s.getInputStream().readAllBytes());
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("no end of headers in " + all.length() + " bytes");
        }
        String head = all.substring(0, split);
        int status = Integer.parseInt(head.substring(9, 12));
        byte[] payload = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            payload = dechunk(payload);
        }
        return new Response(status, new String(payload, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream s = new java.io.ByteArrayInputStream(in);
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int c = s.read(); c != '\n'; c = s.read()) {
                if (c < 0) {
                    throw new IOException("chunked body ends early");
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
