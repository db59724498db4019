package io.influxha.writer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A fake InfluxDB 1.x on a loopback port (as Telegraf's http_test.go does): records every request
 * and answers what the test's responder says; by default 204 to writes and an empty result to
 * queries. Bodies are recorded decompressed.
 */
final class FakeInflux implements AutoCloseable {
    record Request(String method, String path, Map<String, String> params, Map<String, List<String>> headers, String body, long atNanos) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** Non-empty lines of the body. */
        List<String> lines() {
            return body.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    record Response(int status, String body, Map<String, String> headers) {
        static Response of(int status, String body) {
            return new Response(status, body, Map.of());
        }

        static Response error(int status, String message) {
            return of(status, "{\"error\":\"" + message.replace("\"", "\\\"") + "\"}");
        }
    }

    static final Response NO_CONTENT = Response.of(204, "");
    static final Response QUERY_OK = Response.of(200, "{\"results\":[{\"statement_id\":0}]}");

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Response> responder = r -> r.path().equals("/write") ? NO_CONTENT : QUERY_OK;

    FakeInflux() throws IOException {
        this(0);
    }

    /** @param port a fixed port, to come back on the address of an earlier, closed fake */
    FakeInflux(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-influx");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void respond(Function<Request, Response> responder) {
        this.responder = responder;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    List<Request> writes() {
        return requests.stream().filter(r -> r.path().equals("/write")).toList();
    }

    List<Request> queries() {
        return requests.stream().filter(r -> r.path().equals("/query")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            InputStream in = new ByteArrayInputStream(raw);
            if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new LinkedHashMap<>(parse(ex.getRequestURI().getRawQuery()));
            if ("application/x-www-form-urlencoded".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
                params.putAll(parse(body));
            }
            Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), params,
                    headers(ex), body, System.nanoTime());
            requests.add(request);
            Response response = responder.apply(request);
            response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            if (!response.body().isEmpty()) {
                ex.getResponseHeaders().add("Content-Type", "application/json");
            }
            ex.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        }
    }

    private static Map<String, List<String>> headers(HttpExchange ex) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(ex.getRequestHeaders());
        return headers;
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
