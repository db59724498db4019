package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.Precision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointGrouperTest {
    private final MemoryBudget budget = new MemoryBudget(64L << 20);

    private List<IngestRecord> group(String body, int targetBytes) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (MemoryBudget.Reservation r = budget.open()) {
            PointGrouper grouper = new PointGrouper("db", "rp", targetBytes, r);
            new LineProtocolParser().parse(bytes, 0, bytes.length, Precision.NANOSECONDS, 0, grouper);
            return grouper.finish();
        }
    }

    @Test
    void interleaved_measurements_become_one_record_each_in_first_seen_order() {
        List<IngestRecord> records = group("b v=1 1\na v=1 2\nb v=2 3\na v=2 4\n", 1 << 20);

        assertThat(records).extracting(IngestRecord::key).containsExactly("db/rp/b", "db/rp/a");
        assertThat(records).extracting(IngestRecord::points).containsExactly(2, 2);
        assertThat(TestGateway.utf8(records.get(0).value())).isEqualTo("b v=1 1\nb v=2 3\n");
    }

    @Test
    void a_group_over_the_target_size_is_cut_into_ordered_records_with_the_same_key() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("m v=").append(i).append(' ').append(i).append('\n');
        }

        List<IngestRecord> records = group(body.toString(), 200);

        assertThat(records).hasSizeGreaterThan(3).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("db/rp/m");
            assertThat(r.value().length).isLessThan(200 + 40);
        });
        String joined = records.stream().map(r -> TestGateway.utf8(r.value())).reduce("", String::concat);
        assertThat(joined).isEqualTo(body.toString());
    }

    @Test
    void records_resolved_to_a_policy_at_the_end_name_it_including_those_cut_while_parsing() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("m/x v=").append(i).append(' ').append(i).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        try (MemoryBudget.Reservation r = budget.open()) {
            PointGrouper grouper = new PointGrouper("d/b", "", 200, r);
            new LineProtocolParser().parse(bytes, 0, bytes.length, Precision.NANOSECONDS, 0, grouper);

            List<IngestRecord> records = grouper.finish("autogen");

            assertThat(records).hasSizeGreaterThan(3).allSatisfy(rec -> {
                assertThat(rec.rp()).isEqualTo("autogen");
                assertThat(rec.key()).isEqualTo("d/b/autogen/m/x");
            });
        }
    }

    @Test
    void a_new_measurement_on_every_line_is_charged_and_refused_when_the_budget_is_spent() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append('m').append(i).append(" v=1 1\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        MemoryBudget small = new MemoryBudget(256 << 10);

        try (MemoryBudget.Reservation r = small.open()) {
            PointGrouper grouper = new PointGrouper("db", "", 1 << 20, r);
            assertThatThrownBy(() -> new LineProtocolParser().parse(bytes, 0, bytes.length, Precision.NANOSECONDS, 0, grouper))
                    .isInstanceOfSatisfying(RejectedRequestException.class, e -> assertThat(e.status()).isEqualTo(503));
        }
    }
}
