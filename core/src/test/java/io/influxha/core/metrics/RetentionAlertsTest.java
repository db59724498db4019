package io.influxha.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.LagReport;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RetentionAlertsTest {
    private static final TopicPartition P3 = new TopicPartition("influxha.shard.main", 3);
    private static final long WEEK_MS = Duration.ofDays(7).toMillis();

    @Test
    void nothing_is_reported_while_every_consumer_is_within_half_of_its_retentions() {
        LagReport.Row behind = new LagReport.Row("a", "g", P3, 5, 12, 0, 49.0, 100_000L);
        OffsetsRetentionWatch.Watched group = new OffsetsRetentionWatch.Watched("a", "g", true, Duration.ofDays(3), WEEK_MS);

        assertThat(RetentionAlerts.of(List.of(behind), List.of(group))).isEmpty();
    }

    @Test
    void a_partition_past_half_of_the_topics_retention_is_one_warning_with_its_figures() {
        LagReport.Row row = new LagReport.Row("a", "influxha-writer-a", P3, 5, 12, 0, 60.0, 100_000L);

        assertThat(RetentionAlerts.of(List.of(row), List.of())).containsExactly(new RetentionAlerts.Alert("topic-retention", "warn",
                "consumer a topic influxha.shard.main partition 3: the oldest pending record is 60 s old, 60% of retention.ms 100000;"
                        + " at 100% it is deleted unread (lag 7 records)"));
    }

    @Test
    void records_already_deleted_unread_are_reported_as_lost_rather_than_at_risk() {
        LagReport.Row row = new LagReport.Row("b", "influxha-writer-b", P3, 3, 50, 20, 90.0, 100_000L);

        List<RetentionAlerts.Alert> alerts = RetentionAlerts.of(List.of(row), List.of());
        assertThat(alerts).extracting(RetentionAlerts.Alert::name).containsExactly("records-lost");
        assertThat(alerts.get(0).message()).isEqualTo("consumer b topic influxha.shard.main partition 3: 17 records deleted"
                + " by retention before this group read them (committed offset 3, log start offset 20)");
    }

    @Test
    void a_group_empty_for_half_of_the_offsets_retention_is_one_warning() {
        OffsetsRetentionWatch.Watched group = new OffsetsRetentionWatch.Watched("a", "influxha-writer-a", true,
                Duration.ofHours(84), WEEK_MS);

        assertThat(RetentionAlerts.of(List.of(), List.of(group))).containsExactly(new RetentionAlerts.Alert("offsets-retention", "warn",
                "consumer a group influxha-writer-a: no members for at least 302400 s, 50% of offsets.retention.minutes 10080;"
                        + " at 100% Kafka deletes the group's committed offsets and it restarts from the earliest retained record"));
    }
}
