package io.influxha.gateway.query;

import io.influxha.core.config.BackendSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends one {@code POST /query} to a backend, as a form (no URL length limit), and hands back the
 * body as a stream. The client's own credentials ({@code u}/{@code p} or {@code Authorization})
 * pass through; without them the backend's configured credentials are used, as for writes.
 */
final class ReplicaClient {
    private final Map<String, BackendSettings> backends;
    private final Map<String, HttpClient> clients = new HashMap<>();

    ReplicaClient(Map<String, BackendSettings> backends) {
        this.backends = backends;
        backends.forEach((name, b) -> clients.put(name, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(b.connectTimeout()).build()));
    }

    /**
     * @param params form parameters, {@code q} included
     * @param headers request headers to pass (Accept, Authorization, Accept-Encoding)
     * @throws IOException when the backend cannot be reached or does not answer in its request_timeout
     */
    HttpResponse<InputStream> query(String backend, Map<String, String> params, Map<String, String> headers)
            throws IOException, InterruptedException {
        BackendSettings b = backends.get(backend);
        Map<String, String> form = new HashMap<>(params);
        boolean clientCredentials = form.containsKey("u") || headers.containsKey("Authorization");
        if (!clientCredentials && !b.username().isEmpty()) {
            form.put("u", b.username());
            form.put("p", b.password().value());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(b.url() + "/query"))
                .timeout(b.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return clients.get(backend).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * {@code POST path} with a raw body, e.g. Prometheus remote read; the backend's configured
     * credentials are added as {@code u}/{@code p} unless the client sent {@code Authorization}.
     */
    HttpResponse<InputStream> post(String backend, String path, Map<String, String> query, byte[] body,
            Map<String, String> headers) throws IOException, InterruptedException {
        BackendSettings b = backends.get(backend);
        Map<String, String> params = new HashMap<>(query);
        if (!params.containsKey("u") && !headers.containsKey("Authorization") && !b.username().isEmpty()) {
            params.put("u", b.username());
            params.put("p", b.password().value());
        }
        String q = params.isEmpty() ? "" : "?" + encode(params);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(b.url() + path + q))
                .timeout(b.requestTimeout()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return clients.get(backend).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String encode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
