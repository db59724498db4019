package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;
import static io.influxha.core.config.Field.required;

import io.influxha.core.lp.Precision;
import java.time.Duration;
import java.util.List;

/** Reads one entry of {@code gateway.udp}. */
final class UdpSection {
    private static final Field<HostPort> LISTEN = required("listen", Scalars.hostPort());
    private static final Field<String> DATABASE = required("database", Scalars.string().then((n, db) ->
            db.isEmpty() ? n.invalid("must not be empty") : db));
    private static final Field<String> RETENTION_POLICY = optional("retention_policy", Scalars.string(), "");
    private static final Parser<Precision> PRECISION_VALUE = node -> {
        String text = Scalars.string().parse(node);
        return text == null ? null : Precision.fromWriteParam(text)
                .orElseGet(() -> node.invalid("use n, u, ms, s, m or h (as /write's precision)"));
    };
    private static final Field<Precision> PRECISION = optional("precision", PRECISION_VALUE, Precision.NANOSECONDS);
    private static final Field<Integer> BATCH_SIZE =
            optional("batch_size", Scalars.integer(1, 1_000_000), UdpListenerSettings.DEFAULT_BATCH_SIZE);
    private static final Field<Duration> BATCH_TIMEOUT =
            optional("batch_timeout", Scalars.duration(Duration.ofMillis(1)), UdpListenerSettings.DEFAULT_BATCH_TIMEOUT);

    private UdpSection() {}

    static Parser<UdpListenerSettings> listener() {
        return node -> {
            Values v = Section.read(node, List.of(LISTEN, DATABASE, RETENTION_POLICY, PRECISION, BATCH_SIZE, BATCH_TIMEOUT));
            return new UdpListenerSettings(v.get(LISTEN), v.get(DATABASE), v.get(RETENTION_POLICY), v.get(PRECISION),
                    v.get(BATCH_SIZE) == null ? 0 : v.get(BATCH_SIZE), v.get(BATCH_TIMEOUT));
        };
    }
}
