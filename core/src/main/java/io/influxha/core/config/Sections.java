package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Readers of the single-mapping sections: gateway, writer and router ({@link KafkaSection} has its own). */
final class Sections {
    private static final Duration MILLI = Duration.ofMillis(1);
    private static final int MAX = Integer.MAX_VALUE;

    static final Pattern BACKEND_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** Shard names end up in topic names, which allow these characters only. */
    static final Pattern TOPIC_PART = Pattern.compile("[A-Za-z0-9._-]+");

    private static final GatewaySettings GATEWAY = GatewaySettings.defaults();
    private static final Field<HostPort> LISTEN = optional("listen", Scalars.hostPort(), GATEWAY.listen());
    private static final Field<DataSize> MAX_BODY = optional("max_body_size", Scalars.size(1), GATEWAY.maxBodySize());
    private static final Field<Duration> PUBLISH_TIMEOUT =
            optional("publish_timeout", Scalars.duration(MILLI), GATEWAY.publishTimeout());
    private static final Field<Integer> MAX_READ_LAG =
            optional("max_read_lag", Scalars.integer(0, MAX), (int) GATEWAY.maxReadLag());
    private static final Field<Duration> HEALTH_CHECK_INTERVAL =
            optional("health_check_interval", Scalars.duration(Duration.ofMillis(10)), GATEWAY.healthCheckInterval());
    private static final Field<DataSize> MAX_MERGE_SIZE = optional("max_merge_size", Scalars.size(1), GATEWAY.maxMergeSize());
    private static final Field<String> INSTANCE_ID = optional("instance_id", Scalars.string().then((n, id) ->
            TOPIC_PART.matcher(id).matches() ? id : n.invalid("expected letters, digits, '.', '_' or '-'")), "");
    private static final Field<Boolean> AUTO_CREATE_DATABASES = optional("auto_create_databases", Scalars.bool(), false);
    private static final Field<List<UdpListenerSettings>> UDP = optional("udp", Scalars.list(UdpSection.listener()), List.of());

    private static final WriterSettings WRITER = WriterSettings.defaults();
    private static final Field<Integer> BATCH_POINTS = optional("batch_points", Scalars.integer(1, MAX), WRITER.batchPoints());
    private static final Field<DataSize> BATCH_BYTES = optional("batch_bytes", Scalars.size(1), WRITER.batchBytes());
    private static final Field<Duration> FLUSH_INTERVAL =
            optional("flush_interval", Scalars.duration(MILLI), WRITER.flushInterval());
    private static final Field<Duration> RETRY_INITIAL =
            optional("retry_initial_backoff", Scalars.duration(MILLI), WRITER.retryInitialBackoff());
    private static final Field<Duration> RETRY_MAX =
            optional("retry_max_backoff", Scalars.duration(MILLI), WRITER.retryMaxBackoff());
    private static final Field<Duration> LATE_WRITE_BOUND =
            optional("late_write_bound", Scalars.duration(Duration.ZERO), WRITER.lateWriteBound());
    private static final Field<HostPort> WRITER_LISTEN = optional("listen", Scalars.hostPort(), WRITER.listen());

    private static final RouterSettings ROUTER = RouterSettings.defaults();
    private static final Field<Integer> STREAM_THREADS = optional("stream_threads", Scalars.integer(1, 1024), ROUTER.streamThreads());
    /** 0 is allowed: Kafka Streams then commits as often as it can. */
    private static final Field<Duration> COMMIT_INTERVAL =
            optional("commit_interval", Scalars.duration(Duration.ZERO), ROUTER.commitInterval());
    private static final Field<HostPort> ROUTER_LISTEN = optional("listen", Scalars.hostPort(), ROUTER.listen());

    private Sections() {}

    static Parser<GatewaySettings> gateway(Secrets secrets, java.nio.file.Path baseDir) {
        Field<AuthSettings> auth = optional("auth", new AuthSection(secrets).parser(), AuthSettings.disabled());
        Field<TlsSettings> tls = optional("tls", new TlsSection(secrets, baseDir).parser(), TlsSettings.disabled());
        return node -> {
            Values v = Section.read(node, List.of(LISTEN, MAX_BODY, PUBLISH_TIMEOUT, MAX_READ_LAG, HEALTH_CHECK_INTERVAL, AUTO_CREATE_DATABASES,
                    MAX_MERGE_SIZE, INSTANCE_ID, UDP, auth, tls));
            return new GatewaySettings(v.get(LISTEN), v.get(MAX_BODY), v.get(PUBLISH_TIMEOUT),
                    v.get(MAX_READ_LAG), v.get(HEALTH_CHECK_INTERVAL), v.get(UDP), v.get(auth), v.get(tls), v.get(AUTO_CREATE_DATABASES),
                    v.get(MAX_MERGE_SIZE), v.get(INSTANCE_ID));
        };
    }

    static Parser<WriterSettings> writer() {
        return node -> {
            Values v = Section.read(node, List.of(BATCH_POINTS, BATCH_BYTES, FLUSH_INTERVAL, RETRY_INITIAL, RETRY_MAX, LATE_WRITE_BOUND, WRITER_LISTEN));
            if (v.valid(RETRY_INITIAL, RETRY_MAX) && v.get(RETRY_MAX).compareTo(v.get(RETRY_INITIAL)) < 0) {
                node.field(RETRY_MAX.key()).problem("must be at least writer.retry_initial_backoff ("
                        + Durations.format(v.get(RETRY_MAX)) + " < " + Durations.format(v.get(RETRY_INITIAL)) + ")");
            }
            return new WriterSettings(v.get(BATCH_POINTS), v.get(BATCH_BYTES), v.get(FLUSH_INTERVAL),
                    v.get(RETRY_INITIAL), v.get(RETRY_MAX), v.get(LATE_WRITE_BOUND), v.get(WRITER_LISTEN));
        };
    }

    static Parser<RouterSettings> router() {
        return node -> {
            Values v = Section.read(node, List.of(STREAM_THREADS, COMMIT_INTERVAL, ROUTER_LISTEN));
            return new RouterSettings(v.get(STREAM_THREADS), v.get(COMMIT_INTERVAL), v.get(ROUTER_LISTEN));
        };
    }
}
