package io.influxha.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.TopicCheck.Difference;
import io.influxha.core.TopicCheck.Found;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the start-up topic check says about existing topics that differ from the configuration. */
class TopicCheckTest {
    private static final InfluxHaConfig CONFIG = ConfigLoader.parse("""
            kafka:
              bootstrap_servers: k1:9092,k2:9092,k3:9092
              topic_prefix: p
              partitions: 4
            backends:
              - name: a
                url: http://127.0.0.1:18086
            shards:
              - name: main
                replicas: [a]
                measurements: ["*"]
            """, k -> null, Path.of("/srv"));

    /** Every topic as the configuration would create it: 4 partitions (catalog 1), 3 copies, 2 in sync, catalog compacted. */
    private static Map<String, Found> asConfigured() {
        Map<String, Found> found = new HashMap<>();
        found.put("p.ingest", new Found(4, 3, 2, "delete"));
        found.put("p.dlq", new Found(4, 3, 2, "delete"));
        found.put("p.catalog", new Found(1, 3, 2, "compact"));
        found.put("p.shard.main", new Found(4, 3, 2, "delete"));
        return found;
    }

    @Test
    void topics_as_configured_or_not_created_yet_differ_in_nothing() {
        assertThat(TopicCheck.compare(CONFIG, asConfigured())).isEmpty();
        assertThat(TopicCheck.compare(CONFIG, Map.of())).isEmpty();
    }

    @Test
    void another_partition_count_on_ingest_or_shard_topics_is_refused_and_names_both_counts_and_the_procedure() {
        Map<String, Found> found = asConfigured();
        found.put("p.ingest", new Found(6, 3, 2, "delete"));
        found.put("p.shard.main", new Found(2, 3, 2, "delete"));
        List<Difference> d = TopicCheck.compare(CONFIG, found);
        assertThat(d).extracting(Difference::topic).containsExactly("p.ingest", "p.shard.main");
        assertThat(d).allMatch(Difference::refused);
        assertThat(d.get(0).what()).startsWith("has 6 partitions, kafka.partitions is 4: ")
                .contains("set kafka.partitions to 6, or add partitions as docs/operations.md#adding-partitions describes");
        assertThat(d.get(1).what()).startsWith("has 2 partitions, kafka.partitions is 4: ");
    }

    @Test
    void the_dead_letter_topic_may_have_another_count_reported_not_refused() {
        Map<String, Found> found = asConfigured();
        found.put("p.dlq", new Found(8, 3, 2, "delete"));
        assertThat(TopicCheck.compare(CONFIG, found)).singleElement()
                .satisfies(x -> assertThat(x.refused()).isFalse())
                .satisfies(x -> assertThat(x.what()).startsWith("has 8 partitions, kafka.partitions is 4"));
    }

    @Test
    void a_catalog_with_more_than_one_partition_or_that_may_delete_records_is_refused() {
        Map<String, Found> found = asConfigured();
        found.put("p.catalog", new Found(3, 3, 2, "compact,delete"));
        List<Difference> d = TopicCheck.compare(CONFIG, found);
        assertThat(d).allMatch(Difference::refused).extracting(Difference::what).containsExactly(
                "has 3 partitions; the catalog must have exactly 1 (one order of all catalog changes): recreate it with 1 partition",
                "has cleanup.policy compact,delete; the catalog must be compacted and never deleted (cleanup.policy=compact), "
                        + "or databases and statements are forgotten");
    }

    @Test
    void fewer_copies_or_in_sync_replicas_than_configured_are_refused_more_are_reported() {
        Map<String, Found> found = asConfigured();
        found.put("p.ingest", new Found(4, 1, 1, "delete"));
        found.put("p.shard.main", new Found(4, 5, 3, "delete"));
        List<Difference> d = TopicCheck.compare(CONFIG, found);
        assertThat(d).extracting(Difference::topic, Difference::refused).containsExactly(
                org.assertj.core.groups.Tuple.tuple("p.ingest", true), org.assertj.core.groups.Tuple.tuple("p.ingest", true),
                org.assertj.core.groups.Tuple.tuple("p.shard.main", false), org.assertj.core.groups.Tuple.tuple("p.shard.main", false));
        assertThat(d.get(0).what()).startsWith("has 1 copy, kafka.replication_factor is 3: ");
        assertThat(d.get(1).what()).startsWith("has min.insync.replicas 1, kafka.min_insync_replicas is 2: ")
                .contains("kafka-configs.sh --alter --entity-type topics --entity-name p.ingest --add-config min.insync.replicas=2");
        assertThat(d.get(2).what()).isEqualTo("has 5 copies, more than kafka.replication_factor 3");
        assertThat(d.get(3).what()).isEqualTo("has min.insync.replicas 3, more than kafka.min_insync_replicas 2");
    }
}
