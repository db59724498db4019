package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.Secret;
import io.influxha.core.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.tls}: the listener serves HTTPS with a keystore made here by the JDK's keytool. */
class HttpsListenerTest {
    private static final String PASSWORD = "test-keystore-pw";

    @TempDir
    Path dir;
    private final FakePublisher publisher = new FakePublisher();
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void writes_over_https_with_a_self_signed_certificate_are_acknowledged_with_auth() throws Exception {
        Path keystore = selfSigned(dir.resolve("gw.p12"));
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5))
                .withAuth(AuthEndpointTest.users()).withTls(new TlsSettings(true, keystore, new Secret(PASSWORD)));
        gateway = Gateway.start(settings, publisher, new MemoryBudget(64L << 20));
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> ping = client.send(HttpRequest.newBuilder(https("/ping")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> write = client.send(HttpRequest.newBuilder(https("/write?db=telegraf"))
                .header("Authorization", AuthEndpointTest.basic("writer", AuthEndpointTest.WRITER_PASSWORD))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("cpu v=1 10")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ping.statusCode()).isEqualTo(204);
        assertThat(write.statusCode()).isEqualTo(204);
        assertThat(publisher.lines()).containsExactly("cpu v=1 10");
    }

    @Test
    void a_client_that_does_not_trust_the_certificate_cannot_connect() throws Exception {
        Path keystore = selfSigned(dir.resolve("gw.p12"));
        gateway = Gateway.start(new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5))
                .withTls(new TlsSettings(true, keystore, new Secret(PASSWORD))), publisher, new MemoryBudget(64L << 20));

        assertThatThrownBy(() -> TestGateway.CLIENT.send(HttpRequest.newBuilder(https("/ping")).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    private URI https(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + gateway.port() + pathAndQuery);
    }

    /** A PKCS12 keystore with an RSA key and a self-signed certificate for 127.0.0.1 and localhost. */
    private static Path selfSigned(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool: " + output).isZero();
        return file;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            source.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("gateway", source.getCertificate("gateway"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
