package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.StartupException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {
    private static final long NOW = 1_800_000_000_000L;

    private static ConsumerRecord<byte[], byte[]> letter(long timeMs, String backend, String reason) {
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        if (!backend.isEmpty()) {
            io.influxha.core.RecordHeaders.put(headers, io.influxha.core.RecordHeaders.DLQ_BACKEND, backend);
        }
        io.influxha.core.RecordHeaders.put(headers, io.influxha.core.RecordHeaders.DLQ_REASON, reason);
        return new ConsumerRecord<>("p.dlq", 0, 0, timeMs, TimestampType.CREATE_TIME, 0, 0, null, new byte[0], headers, Optional.empty());
    }

    private static DeadLetterFilter filter(Map<String, String> options) {
        return DeadLetterFilter.of(options.get("--backend"), options.get("--reason"), options.get("--since"), options.get("--until"), NOW);
    }

    @Test
    void filters_by_backend_reason_and_time() {
        DeadLetterFilter f = filter(Map.of("--backend", "a", "--reason", "FIELD TYPE", "--since", "1h"));
        assertThat(f.matches(letter(NOW - 60_000, "a", "partial write: field type conflict: ..."))).isTrue();
        assertThat(f.matches(letter(NOW - 60_000, "b", "partial write: field type conflict: ..."))).isFalse();
        assertThat(f.matches(letter(NOW - 60_000, "a", "points beyond retention policy"))).isFalse();
        assertThat(f.matches(letter(NOW - 7_200_000, "a", "field type conflict"))).isFalse();
    }

    @Test
    void router_selects_the_lines_the_router_could_not_parse() {
        assertThat(filter(Map.of("--backend", "router")).matches(letter(NOW, "", "unable to parse 'x': missing fields"))).isTrue();
        assertThat(filter(Map.of("--backend", "router")).matches(letter(NOW, "a", "field type conflict"))).isFalse();
    }

    @Test
    void accepts_an_instant_and_names_the_option_of_a_bad_time() {
        assertThat(DeadLetterFilter.when("--until", "2027-01-15T07:00:00Z", NOW)).isEqualTo(1_799_996_400_000L);
        assertThat(DeadLetterFilter.when("--since", "30m", NOW)).isEqualTo(NOW - 1_800_000L);
        assertThatThrownBy(() -> DeadLetterFilter.when("--since", "yesterday", NOW))
                .isInstanceOf(StartupException.class).hasMessageContaining("--since \"yesterday\"");
    }
}
