package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.LagReport;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static final TopicPartition P0 = new TopicPartition("influxha.shard.main", 0);
    private static final TopicPartition P1 = new TopicPartition("influxha.shard.main", 1);

    @Test
    void prints_one_line_per_partition_and_a_total_per_consumer() {
        List<String> lines = StatusTable.lines(List.of(
                new LagReport.Row("a", "influxha-writer-a", P0, 10, 10, 0, 0, -1),
                new LagReport.Row("a", "influxha-writer-a", P1, 5, 12, 0, 4.25, 604_800_000L)));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("committed", "end", "lag_records", "lag_seconds");
        assertThat(lines.get(1)).contains("influxha.shard.main", " 10 ", "caught-up");
        assertThat(lines.get(2)).contains(" 7 ", "4.3", "behind");
        assertThat(lines.get(3)).isEqualTo("total consumer=a lag_records=7 lag_seconds=4.3 partitions_with_lost_records=0");
    }

    @Test
    void says_when_the_lag_has_used_half_of_the_topics_retention() {
        List<String> lines = StatusTable.lines(List.of(new LagReport.Row("b", "influxha-writer-b", P0, 3, 50, 0, 60, 100_000L)));
        assertThat(lines.get(1)).contains("AT RISK: the oldest pending record has used 60% of the topic's retention");
    }

    @Test
    void says_when_retention_deleted_records_the_group_never_read() {
        List<String> lines = StatusTable.lines(List.of(new LagReport.Row("b", "influxha-writer-b", P0, 3, 50, 20, 1.0, -1)));
        assertThat(lines.get(1)).contains("LOST 17 records deleted by retention");
        assertThat(lines.get(2)).endsWith("partitions_with_lost_records=1");
    }

    @Test
    void says_a_group_is_empty_now_and_what_the_offsets_retention_is_without_inventing_since_when() {
        List<String> lines = StatusTable.lines(List.of(), List.of(
                new LagReport.Group("a", "influxha-writer-a", "Empty", 0, true, 604_800_000L),
                new LagReport.Group("b", "influxha-writer-b", "Stable", 2, false, 604_800_000L)));

        assertThat(lines.get(1)).startsWith("group consumer=a group=influxha-writer-a members=0 state=Empty  EMPTY now:")
                .contains("once it has stayed empty for offsets.retention.minutes=10080")
                .doesNotContainPattern("empty (for|since) \\d");
        assertThat(lines.get(2)).isEqualTo("group consumer=b group=influxha-writer-b members=2 state=Stable");
    }

    @Test
    void a_group_that_does_not_exist_has_no_offsets_to_lose() {
        List<String> lines = StatusTable.lines(List.of(), List.of(
                new LagReport.Group("router", "influxha-router", "Dead", 0, false, 604_800_000L)));

        assertThat(lines.get(1)).endsWith("state=Dead  no committed offsets: it starts from the earliest retained record");
    }

    @Test
    void a_voided_statement_is_listed_with_its_backend_id_and_reason() {
        List<String> lines = StatusTable.voided(List.of(io.influxha.core.catalog.CatalogEntry.applied("a", "d1",
                io.influxha.core.catalog.Catalog.VOIDED + "its copy from ingest partition 1 never came; statement: DELETE FROM m")));

        org.assertj.core.api.Assertions.assertThat(lines).containsExactly(
                "ddl_voided backend=a ddl_id=d1 its copy from ingest partition 1 never came; statement: DELETE FROM m");
    }

    @Test
    void a_partition_whose_lso_did_not_move_between_the_two_looks_gets_a_line_and_none_gets_one_line_saying_so() {
        var unmoved = new io.influxha.core.metrics.LsoWatch.Watched(new org.apache.kafka.common.TopicPartition("p.ingest", 2), 90, 75,
                java.time.Duration.ofMillis(2_300));

        assertThat(StatusTable.unmovedLso(List.of(unmoved), java.time.Duration.ofSeconds(2))).singleElement().satisfies(l -> assertThat(l)
                .startsWith("lso_unmoved topic=p.ingest partition=2 high_watermark=90 last_stable_offset=75 unmoved_for_at_least_seconds=2")
                .contains("influx-ha transactions find -c FILE"));
        assertThat(StatusTable.unmovedLso(List.of(), java.time.Duration.ofSeconds(2)))
                .containsExactly("transactions: no last stable offset held below its high watermark across 2 s");
    }
}
