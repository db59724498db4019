package io.influxha.gateway.auth;

import io.influxha.core.config.HostPort;
import io.influxha.core.config.TlsSettings;
import java.util.function.BiFunction;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener of {@code gateway.tls}: Javalin's only connector, on {@code gateway.listen},
 * HTTP/1.1 over TLS with the key and chain of a PKCS12 keystore. Like InfluxDB's
 * {@code https-enabled}, there is then no plain-HTTP port. SNI host checks are off: clients
 * reach the gateway by IP address as often as by name.
 */
public final class HttpsConnector {
    private HttpsConnector() {}

    /** For {@code JettyConfig.addConnector}. */
    public static BiFunction<Server, HttpConfiguration, Connector> of(HostPort listen, TlsSettings tls) {
        return (server, http) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tls.keystore().toString());
            ssl.setKeyStoreType("PKCS12");
            ssl.setKeyStorePassword(tls.keystorePassword().value());
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            connector.setHost(listen.host());
            connector.setPort(listen.port());
            return connector;
        };
    }
}
