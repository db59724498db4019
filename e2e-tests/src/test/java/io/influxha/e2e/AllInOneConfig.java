package io.influxha.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code influx-ha.yaml} of the e2e tests: data dir, kafka topic prefix and partitions, the
 * gateway on a loopback port, backends {@code a} and {@code b}, shards on both replicas ending with
 * the catch-all {@code main}, and the writer flushing every 50 ms. A test states only what differs;
 * each extra is YAML lines placed, indented, under its section.
 */
final class AllInOneConfig {
    private final String topicPrefix;
    private final int partitions;
    private String kafka = "";
    private String gateway = "";
    private String backendA = "";
    private String backendB = "";
    private final List<String> shards = new ArrayList<>();
    private String retryMaxBackoff;
    private String lateWriteBound;

    private AllInOneConfig(String topicPrefix, int partitions) {
        this.topicPrefix = topicPrefix;
        this.partitions = partitions;
    }

    static AllInOneConfig of(String topicPrefix, int partitions) {
        return new AllInOneConfig(topicPrefix, partitions);
    }

    /** More keys under {@code kafka:}, e.g. {@code client_overrides}; each call adds to the earlier ones. */
    AllInOneConfig kafka(String yaml) {
        kafka = more(kafka, yaml);
        return this;
    }

    /** More keys under {@code gateway:}; each call adds to the earlier ones. */
    AllInOneConfig gateway(String yaml) {
        gateway = more(gateway, yaml);
        return this;
    }

    /** More keys of backend {@code a}. */
    AllInOneConfig backendA(String yaml) {
        backendA = yaml;
        return this;
    }

    /** More keys of backend {@code b}. */
    AllInOneConfig backendB(String yaml) {
        backendB = yaml;
        return this;
    }

    /** A shard on replicas a and b, placed before {@code main}; {@code measurements} is a YAML list. */
    AllInOneConfig shard(String name, String measurements) {
        shards.add(shardYaml(name, measurements));
        return this;
    }

    /** {@code writer.retry_max_backoff}; the default (10s) when not set. */
    AllInOneConfig retryMaxBackoff(String duration) {
        retryMaxBackoff = duration;
        return this;
    }

    /** {@code writer.late_write_bound}. */
    AllInOneConfig lateWriteBound(String duration) {
        lateWriteBound = duration;
        return this;
    }

    /** Writes {@code dir/influx-ha.yaml}, with data in {@code dir/data}. */
    Path write(Path dir, int gatewayPort, URI a, URI b) throws IOException {
        return Files.writeString(dir.resolve("influx-ha.yaml"), yaml(dir.resolve("data"), gatewayPort, a, b));
    }

    String yaml(Path dataDir, int gatewayPort, URI a, URI b) {
        StringBuilder y = new StringBuilder("data_dir: " + dataDir + "\n");
        y.append("kafka:\n  topic_prefix: ").append(topicPrefix).append("\n  partitions: ").append(partitions).append('\n');
        y.append(kafka.indent(2));
        y.append("gateway:\n  listen: 127.0.0.1:").append(gatewayPort).append('\n').append(gateway.indent(2));
        y.append("backends:\n");
        y.append("  - name: a\n    url: ").append(a).append('\n').append(backendA.indent(4));
        y.append("  - name: b\n    url: ").append(b).append('\n').append(backendB.indent(4));
        y.append("shards:\n");
        shards.forEach(y::append);
        y.append(shardYaml("main", "[\"*\"]"));
        y.append("writer:\n  flush_interval: 50ms\n");
        if (retryMaxBackoff != null) {
            y.append("  retry_max_backoff: ").append(retryMaxBackoff).append('\n');
        }
        if (lateWriteBound != null) {
            y.append("  late_write_bound: ").append(lateWriteBound).append('\n');
        }
        return y.toString();
    }

    private static String more(String earlier, String yaml) {
        return earlier.isEmpty() || earlier.endsWith("\n") ? earlier + yaml : earlier + "\n" + yaml;
    }

    private static String shardYaml(String name, String measurements) {
        return "  - name: " + name + "\n    replicas: [a, b]\n    measurements: " + measurements + "\n";
    }
}
