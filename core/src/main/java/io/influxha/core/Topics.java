package io.influxha.core;

/**
 * Names of every topic and consumer group the project uses. The names are part of the external
 * contract (DESIGN.md §3): {@code <prefix>.ingest}, {@code <prefix>.shard.<shard>},
 * {@code <prefix>.dlq}, the compacted {@code <prefix>.catalog} (databases, retention policies and
 * which backend applied which statement: docs/ddl-through-the-log.md), and one writer group per
 * backend {@code <prefix>-writer-<backend>}.
 */
public final class Topics {
    private Topics() {}

    public static String ingest(String prefix) {
        return prefix + ".ingest";
    }

    public static String shard(String prefix, String shard) {
        return prefix + ".shard." + shard;
    }

    public static String dlq(String prefix) {
        return prefix + ".dlq";
    }

    public static String catalog(String prefix) {
        return prefix + ".catalog";
    }

    public static String writerGroup(String prefix, String backend) {
        return prefix + "-writer-" + backend;
    }

    /** Kafka Streams application.id of the router; also the prefix of its internal topics. */
    public static String routerApplicationId(String prefix) {
        return prefix + "-router";
    }
}
