package io.influxha.gateway;

import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/** A gateway on a free loopback port over a {@link FakePublisher}, and a client for it. */
final class TestGateway implements AutoCloseable {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    final FakePublisher publisher = new FakePublisher();
    final Gateway gateway;

    TestGateway() {
        this(1 << 20, Duration.ofSeconds(5), 64L << 20);
    }

    TestGateway(long maxBodySize, Duration publishTimeout, long memoryBudget) {
        this(maxBodySize, publishTimeout, memoryBudget, GatewayCatalog.none());
    }

    /** Over a catalog: databases it does not have answer 404. */
    TestGateway(GatewayCatalog catalog) {
        this(1 << 20, Duration.ofSeconds(5), 64L << 20, catalog);
    }

    private TestGateway(long maxBodySize, Duration publishTimeout, long memoryBudget, GatewayCatalog catalog) {
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(maxBodySize), publishTimeout);
        gateway = Gateway.start(settings, publisher, new MemoryBudget(memoryBudget), io.influxha.gateway.query.QueryRouter.none(), catalog);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return exchange(request);
    }

    /** Sends {@code request} (60 s timeout) and reads the answer as a string. */
    static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    HttpResponse<String> post(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpRequest.Builder write(String query, String body) {
        return HttpRequest.newBuilder(uri("/write" + query)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
