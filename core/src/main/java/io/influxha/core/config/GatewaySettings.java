package io.influxha.core.config;

import java.time.Duration;
import java.util.List;

/**
 * @param maxBodySize largest request body accepted, compressed or not (InfluxDB's max-body-size)
 * @param publishTimeout how long a request waits for Kafka's acknowledgement before a 503
 * @param maxReadLag records a replica may lag behind its shard topics and still be preferred for reads
 * @param healthCheckInterval how often the gateway pings every backend and reads its writer group's lag
 * @param udp UDP line-protocol listeners; none unless configured
 * @param auth users and their permissions; disabled unless configured
 * @param tls HTTPS on {@code listen}; disabled unless configured
 * @param autoCreateDatabases a write to a database the catalog does not have creates it (through
 *     the log, like CREATE DATABASE) instead of answering 404 {@code database not found}
 * @param maxMergeSize bytes a statement whose rows are merged whole (SHOW MEASUREMENTS, SHOW SERIES,
 *     SHOW TAG KEYS...) may read from backends; past it the statement answers an error
 * @param instanceId this gateway among all of them, stable across its restarts: it names the Kafka
 *     transactions that publish DDL ({@code transactional.id}); "" derives it from the host name
 *     and the listen port (see {@link #transactionalIdSuffix})
 */
public record GatewaySettings(
        HostPort listen,
        DataSize maxBodySize,
        Duration publishTimeout,
        long maxReadLag,
        Duration healthCheckInterval,
        List<UdpListenerSettings> udp,
        AuthSettings auth,
        TlsSettings tls,
        boolean autoCreateDatabases,
        DataSize maxMergeSize,
        String instanceId) {

    public static final DataSize DEFAULT_MAX_MERGE_SIZE = DataSize.ofMebibytes(32);

    public GatewaySettings {
        udp = udp == null ? null : List.copyOf(udp);
    }

    /** With the instance id derived from host and port. */
    public GatewaySettings(HostPort listen, DataSize maxBodySize, Duration publishTimeout, long maxReadLag,
            Duration healthCheckInterval, List<UdpListenerSettings> udp, AuthSettings auth, TlsSettings tls,
            boolean autoCreateDatabases, DataSize maxMergeSize) {
        this(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, autoCreateDatabases, maxMergeSize, "");
    }

    /**
     * What makes this gateway's DDL transactions its own: {@code instance_id} when set; else the
     * host name and listen port, which are the same across restarts and differ between gateways
     * (a gateway on port 0, a test's, gets a random one).
     */
    public String transactionalIdSuffix() {
        if (!instanceId.isEmpty()) {
            return instanceId;
        }
        if (listen.port() == 0) {
            return "ephemeral-" + java.util.UUID.randomUUID();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + listen.port();
    }

    /** At the default max_merge_size. */
    public GatewaySettings(HostPort listen, DataSize maxBodySize, Duration publishTimeout, long maxReadLag,
            Duration healthCheckInterval, List<UdpListenerSettings> udp, AuthSettings auth, TlsSettings tls,
            boolean autoCreateDatabases) {
        this(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, autoCreateDatabases,
                DEFAULT_MAX_MERGE_SIZE);
    }

    /** These settings with {@code max_merge_size} set. */
    public GatewaySettings withMaxMergeSize(DataSize size) {
        return new GatewaySettings(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls,
                autoCreateDatabases, size, instanceId);
    }

    /** Without auto_create_databases. */
    public GatewaySettings(HostPort listen, DataSize maxBodySize, Duration publishTimeout, long maxReadLag,
            Duration healthCheckInterval, List<UdpListenerSettings> udp, AuthSettings auth, TlsSettings tls) {
        this(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, false);
    }

    /** These settings with {@code auto_create_databases} set. */
    public GatewaySettings withAutoCreateDatabases(boolean on) {
        return new GatewaySettings(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, on, maxMergeSize,
                instanceId);
    }

    /** Without auth. */
    public GatewaySettings(HostPort listen, DataSize maxBodySize, Duration publishTimeout, long maxReadLag,
            Duration healthCheckInterval, List<UdpListenerSettings> udp) {
        this(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, AuthSettings.disabled(), TlsSettings.disabled());
    }

    /** These settings with {@code instance_id} set. */
    public GatewaySettings withInstanceId(String id) {
        return new GatewaySettings(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, autoCreateDatabases,
                maxMergeSize, id);
    }

    /** These settings with {@code auth} instead. */
    public GatewaySettings withAuth(AuthSettings auth) {
        return new GatewaySettings(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, autoCreateDatabases,
                maxMergeSize, instanceId);
    }

    /** These settings with {@code tls} instead. */
    public GatewaySettings withTls(TlsSettings tls) {
        return new GatewaySettings(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, udp, auth, tls, autoCreateDatabases,
                maxMergeSize, instanceId);
    }

    /** Without UDP listeners. */
    public GatewaySettings(HostPort listen, DataSize maxBodySize, Duration publishTimeout, long maxReadLag, Duration healthCheckInterval) {
        this(listen, maxBodySize, publishTimeout, maxReadLag, healthCheckInterval, List.of());
    }

    public static final long DEFAULT_MAX_READ_LAG = 1000;
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** Read routing at its defaults: max_read_lag 1000 records, health checks every second. */
    public GatewaySettings(HostPort listen, DataSize maxBodySize, Duration publishTimeout) {
        this(listen, maxBodySize, publishTimeout, DEFAULT_MAX_READ_LAG, DEFAULT_HEALTH_CHECK_INTERVAL);
    }

    /** 127.0.0.1:8086, InfluxDB's 25000000-byte body limit, 10s to get Kafka's acknowledgement. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(new HostPort("127.0.0.1", 8086), DataSize.ofBytes(25_000_000), Duration.ofSeconds(10));
    }
}
