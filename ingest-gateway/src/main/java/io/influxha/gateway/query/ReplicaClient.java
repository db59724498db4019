package io.influxha.gateway.query;

import io.influxha.core.BackendHttp;
import io.influxha.core.config.BackendSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends one {@code POST /query} to a backend, as a form (no URL length limit), and hands back the
 * body as a stream. The client's own credentials ({@code u}/{@code p} or {@code Authorization})
 * pass through; without them the backend's configured credentials go as HTTP Basic auth, as for
 * writes, never as parameters.
 */
final class ReplicaClient {
    private final Map<String, BackendHttp> backends = new HashMap<>();

    ReplicaClient(Map<String, BackendSettings> backends) {
        backends.forEach((name, b) -> this.backends.put(name, new BackendHttp(b)));
    }

    /**
     * @param params form parameters, {@code q} included
     * @param headers request headers to pass (Accept, Authorization, Accept-Encoding)
     * @throws IOException when the backend cannot be reached or does not answer in its request_timeout
     */
    HttpResponse<InputStream> query(String backend, Map<String, String> params, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = backends.get(backend).request("/query", clientCredentials(params, headers))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BackendHttp.form(params), StandardCharsets.UTF_8));
        return send(backend, request, headers);
    }

    /**
     * {@code POST path} with a raw body, e.g. Prometheus remote read; credentials as for {@link #query}.
     */
    HttpResponse<InputStream> post(String backend, String path, Map<String, String> query, byte[] body,
            Map<String, String> headers) throws IOException, InterruptedException {
        String q = query.isEmpty() ? "" : "?" + BackendHttp.form(query);
        HttpRequest.Builder request = backends.get(backend).request(path + q, clientCredentials(query, headers))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(backend, request, headers);
    }

    /** A {@code u} parameter or an Authorization header: the client's own, passed on instead of the configured ones. */
    private static boolean clientCredentials(Map<String, String> params, Map<String, String> headers) {
        return params.containsKey("u") || headers.containsKey("Authorization");
    }

    private HttpResponse<InputStream> send(String backend, HttpRequest.Builder request, Map<String, String> headers)
            throws IOException, InterruptedException {
        headers.forEach(request::header);
        return backends.get(backend).client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
