package io.influxha.gateway.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.influxha.core.config.BackendSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny InfluxDB on a loopback port: {@code /ping} answers 204, {@code /query} answers what
 * {@code answer} returns for the statement text and records every request's form and headers.
 */
public final class FakeInflux implements AutoCloseable {
    /** One received /query: its form parameters and the headers routing passes on. */
    public record Request(Map<String, String> form, String accept, String authorization) {}

    public final String name;
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Remote reads received: "query-string content-encoding body-length". */
    public final List<String> promReads = new CopyOnWriteArrayList<>();
    /** The Authorization header of each remote read ("null" when none). */
    public final List<String> promReadAuthorizations = new CopyOnWriteArrayList<>();
    public volatile Function<String, String> answer = q -> "{\"results\":[{\"statement_id\":0}]}\n";
    public volatile int pingStatus = 204;
    public volatile int queryStatus = 200;
    private final HttpServer server;

    public FakeInflux(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/ping", ex -> reply(ex, pingStatus, ""));
        server.createContext("/query", this::query);
        server.createContext("/api/v1/prom/read", ex -> {
            promReads.add(ex.getRequestURI().getRawQuery() + " " + ex.getRequestHeaders().getFirst("Content-Encoding")
                    + " " + ex.getRequestBody().readAllBytes().length);
            promReadAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            reply(ex, 200, "read-by-" + name);
        });
        server.start();
    }

    public BackendSettings settings() {
        return BackendSettings.of(name, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    /** A /query body holding the given statement results. */
    public static String results(String... statementResults) {
        return "{\"results\":[" + String.join(",", statementResults) + "]}\n";
    }

    private void query(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(new Request(form, ex.getRequestHeaders().getFirst("Accept"), ex.getRequestHeaders().getFirst("Authorization")));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        reply(ex, queryStatus, answer.apply(form.getOrDefault("q", "")));
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
