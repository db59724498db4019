package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code kafka:}: where the cluster is, how topics are made, and raw client overrides. */
final class KafkaSection {
    private static final KafkaSettings DEFAULTS = KafkaSettings.defaults();
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** Kafka Streams forwards these prefixes to its inner clients; the property after them is what counts. */
    private static final List<String> CLIENT_PREFIXES =
            List.of("main.consumer.", "restore.consumer.", "global.consumer.", "consumer.", "producer.", "admin.");
    /** Properties influx-ha sets itself because its guarantees depend on them, each with the reason. */
    private static final Map<String, String> PROTECTED = Map.ofEntries(
            Map.entry("bootstrap.servers", "set kafka.bootstrap_servers instead"),
            Map.entry("acks", "the gateway answers 2xx only once all in-sync replicas have the data (acks=all)"),
            Map.entry("enable.idempotence", "producer retries must never duplicate or reorder points"),
            Map.entry("enable.auto.commit", "writers commit offsets only after a backend accepted the batch"),
            Map.entry("isolation.level", "writers must never apply the router's aborted output (read_committed)"),
            Map.entry("auto.offset.reset", "a new writer group must start from the oldest retained data"),
            Map.entry("processing.guarantee", "the router relies on exactly_once_v2"),
            Map.entry("group.id", "writer groups are named <topic_prefix>-writer-<backend>"),
            Map.entry("application.id", "the router's id is derived from kafka.topic_prefix"),
            Map.entry("key.serializer", "influx-ha chooses the record format"),
            Map.entry("value.serializer", "influx-ha chooses the record format"),
            Map.entry("key.deserializer", "influx-ha chooses the record format"),
            Map.entry("value.deserializer", "influx-ha chooses the record format"));

    private final Field<String> bootstrap = optional("bootstrap_servers", bootstrapServers(), DEFAULTS.bootstrapServers());
    private final Field<String> prefix = optional("topic_prefix",
            Scalars.name(Pattern.compile("[A-Za-z0-9._-]{1,200}"), "use 1 to 200 of the characters A-Z a-z 0-9 . _ -"),
            DEFAULTS.topicPrefix());
    private final Field<Integer> partitions = optional("partitions", Scalars.integer(1, Integer.MAX_VALUE), DEFAULTS.partitions());
    private final Field<Integer> replication = optional("replication_factor", Scalars.integer(1, Short.MAX_VALUE),
            (int) DEFAULTS.replicationFactor());
    private final Field<Integer> minInsync = optional("min_insync_replicas", Scalars.integer(1, Short.MAX_VALUE),
            DEFAULTS.minInsyncReplicas());
    private final Field<Boolean> allowSingleReplica = optional("allow_single_replica", Scalars.bool(), false);
    private final Field<Map<String, String>> overrides;
    /** On an external cluster, unless set: three copies, two of which must have a write before it is acknowledged. */
    static final int CLUSTER_REPLICATION_FACTOR = 3;
    static final int CLUSTER_MIN_INSYNC_REPLICAS = 2;

    KafkaSection(Secrets secrets) {
        overrides = optional("client_overrides", clientOverrides(secrets), DEFAULTS.clientOverrides());
    }

    Parser<KafkaSettings> parser() {
        return node -> {
            Values v = Section.read(node, List.of(bootstrap, prefix, partitions, replication, minInsync, allowSingleReplica, overrides));
            boolean external = v.valid(bootstrap) && !v.get(bootstrap).isBlank();
            // Unset, they fit where the data goes: the embedded broker is one node; a cluster keeps
            // three copies and acknowledges a write once two have it, so one broker may die.
            int rf = v.present(replication) || !external ? v.get(replication) : CLUSTER_REPLICATION_FACTOR;
            int isr = v.present(minInsync) || !external ? v.get(minInsync) : Math.min(CLUSTER_MIN_INSYNC_REPLICAS, rf);
            if (v.valid(replication, minInsync) && isr > rf) {
                node.field(minInsync.key()).problem("must be at most kafka.replication_factor (" + isr + " > " + rf + ")");
            }
            if (v.valid(bootstrap, replication) && !external && rf > 1) {
                node.field(replication.key()).invalid("the embedded broker (empty kafka.bootstrap_servers) "
                        + "is a single node: keep 1, or set kafka.bootstrap_servers to a cluster");
            }
            if (v.valid(bootstrap, replication, allowSingleReplica) && external && rf == 1 && !v.get(allowSingleReplica)) {
                node.field(replication.key()).invalid("one copy on a Kafka cluster: a broker that dies takes acknowledged writes "
                        + "with it; use 3 (the default with kafka.bootstrap_servers set), or set kafka.allow_single_replica: true "
                        + "for a one-broker test cluster");
            }
            return new KafkaSettings(v.get(bootstrap), v.get(prefix), v.get(partitions),
                    (short) rf, isr, v.get(overrides));
        };
    }

    /** {@code ""} (embedded broker) or a comma-separated list of host:port. */
    private static Parser<String> bootstrapServers() {
        return node -> {
            String text = Scalars.string().parse(node);
            if (text == null || text.isBlank()) {
                return text;
            }
            for (String server : text.split(",", -1)) {
                try {
                    if (HostPort.parse(server.strip()).port() == 0) {
                        return node.invalid("port 0 in \"" + server.strip() + "\": a broker needs a real port");
                    }
                } catch (IllegalArgumentException e) {
                    return node.invalid("expected a comma-separated list of host:port, \"\" for the embedded broker ("
                            + Problems.quote(server.strip()) + ": " + e.getMessage() + ")");
                }
            }
            return text;
        };
    }

    private static Parser<Map<String, String>> clientOverrides(Secrets secrets) {
        return node -> {
            if (!node.json().isObject()) {
                return node.invalid("expected a mapping of Kafka client properties, got " + node.kind());
            }
            Map<String, String> props = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, JsonNode> entry : node.json().properties()) {
                String key = entry.getKey();
                Node value = node.field(key);
                String parsed = checkProperty(value, key) ? secrets.scalar().parse(value) : null;
                ok &= parsed != null;
                props.put(key, parsed);
            }
            return ok ? Map.copyOf(props) : null;
        };
    }

    private static boolean checkProperty(Node value, String key) {
        if (!PROPERTY_NAME.matcher(key).matches()) {
            value.problem("not a Kafka property name: expected its dotted lowercase name, e.g. \"linger.ms\"");
            return false;
        }
        String bare = CLIENT_PREFIXES.stream().filter(key::startsWith).findFirst()
                .map(p -> key.substring(p.length())).orElse(key);
        if (PROTECTED.containsKey(bare)) {
            value.problem("cannot be overridden: " + PROTECTED.get(bare));
            return false;
        }
        if (value.absent()) {
            if (!value.unresolved()) {
                value.problem("missing value");
            }
            return false;
        }
        return true;
    }
}
