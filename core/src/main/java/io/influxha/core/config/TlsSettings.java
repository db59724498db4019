package io.influxha.core.config;

import java.nio.file.Path;

/**
 * {@code gateway.tls}: when enabled, {@code gateway.listen} serves HTTPS (as InfluxDB's
 * {@code https-enabled}) with the key and certificate chain of a PKCS12 keystore.
 *
 * @param keystore absolute path of the PKCS12 file; null when disabled
 * @param keystorePassword the keystore's (and its key's) password
 */
public record TlsSettings(boolean enabled, Path keystore, Secret keystorePassword) {

    public static TlsSettings disabled() {
        return new TlsSettings(false, null, Secret.NONE);
    }
}
