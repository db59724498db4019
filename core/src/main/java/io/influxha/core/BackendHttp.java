package io.influxha.core;

import io.influxha.core.config.BackendSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * HTTP to one InfluxDB 1.x backend, the one way writers and the gateway reach it: one JDK client
 * (HTTP/1.1, the backend's {@code connect_timeout}); requests to its URL with its
 * {@code request_timeout} and its configured credentials as HTTP Basic auth
 * ({@link BackendSettings#basicAuthorization}), never as {@code u}/{@code p} parameters. What is
 * sent and how answers are read stay with the callers (the writer's replies, the gateway's streams).
 */
public final class BackendHttp {
    private final BackendSettings settings;
    private final HttpClient client;
    private final String base;

    public BackendHttp(BackendSettings settings) {
        this.settings = settings;
        this.client = client(settings.connectTimeout());
        String url = settings.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The one way the project builds an HTTP client for InfluxDB's API (a backend, or the gateway,
     * which speaks it): HTTP/1.1, as InfluxDB 1.x serves it, and a connect timeout.
     */
    public static HttpClient client(java.time.Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    public BackendSettings settings() {
        return settings;
    }

    /** The backend's client; one per backend, shared by every request to it. */
    public HttpClient client() {
        return client;
    }

    /**
     * A request to {@code pathAndQuery} (from {@code /}) with the backend's request timeout and,
     * unless {@code clientCredentials} (the request carries a client's own), the configured
     * credentials.
     */
    public HttpRequest.Builder request(String pathAndQuery, boolean clientCredentials) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(settings.requestTimeout());
        String authorization = settings.basicAuthorization();
        if (authorization != null && !clientCredentials) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    /** {@code k=v&...}, each URL-encoded (a query string or a form body). */
    public static String form(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((k, v) -> joined.add(encode(k) + "=" + encode(v)));
        return joined.toString();
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
