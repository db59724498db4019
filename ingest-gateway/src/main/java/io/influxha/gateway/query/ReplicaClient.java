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
 * pass through; without them the backend's configured credentials go as HTTP Basic auth, as for
 * writes, never as parameters.
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(b.url() + "/query"))
                .timeout(b.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(params), StandardCharsets.UTF_8));
        return send(backend, request, params, headers);
    }

    /**
     * {@code POST path} with a raw body, e.g. Prometheus remote read; credentials as for {@link #query}.
     */
    HttpResponse<InputStream> post(String backend, String path, Map<String, String> query, byte[] body,
            Map<String, String> headers) throws IOException, InterruptedException {
        BackendSettings b = backends.get(backend);
        String q = query.isEmpty() ? "" : "?" + encode(query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(b.url() + path + q))
                .timeout(b.requestTimeout()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(backend, request, query, headers);
    }

    /** Adds the client's headers, else (no {@code u} parameter, no Authorization) the backend's credentials as Basic auth. */
    private HttpResponse<InputStream> send(String backend, HttpRequest.Builder request, Map<String, String> params,
            Map<String, String> headers) throws IOException, InterruptedException {
        headers.forEach(request::header);
        String configured = backends.get(backend).basicAuthorization();
        if (configured != null && !params.containsKey("u") && !headers.containsKey("Authorization")) {
            request.header("Authorization", configured);
        }
        return clients.get(backend).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String encode(Map<String, String> form) {
        StringJoiner joined = new StringJoiner("&");
        form.forEach((k, v) -> joined.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
