package io.influxha.e2e.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reference's reading of the cut semantics, on hand-made partitions (docs/ddl-through-the-log.md). */
class PartitionStopsTest {
    private static final String T = "ref.shard.main";

    @Test
    void a_partition_stops_at_the_last_of_the_statements_copies() {
        List<LogRecord> p = List.of(data(0), copy(1, "s", 0, "DELETE FROM m"), data(2), copy(3, "s", 2, "DELETE FROM m"), data(4),
                copy(5, "s", 1, "DELETE FROM m"), data(6));

        assertThat(PartitionStops.of(p, Set.of())).extracting(PartitionStops.Stop::index).containsExactly(5);
    }

    @Test
    void statements_whose_copies_interleave_share_one_stop_at_the_later_last_copy_in_the_order_first_met() {
        List<LogRecord> p = List.of(copy(0, "x", 0, "DROP MEASUREMENT m"), copy(1, "y", 0, "DELETE FROM m"), copy(2, "x", 1, "DROP MEASUREMENT m"),
                copy(3, "x", 2, "DROP MEASUREMENT m"), data(4), copy(5, "y", 1, "DELETE FROM m"), copy(6, "y", 2, "DELETE FROM m"));

        List<PartitionStops.Stop> stops = PartitionStops.of(p, Set.of());

        assertThat(stops).hasSize(1);
        assertThat(stops.get(0).index()).isEqualTo(6);
        assertThat(stops.get(0).statements()).extracting(LogRecord::ddlId).containsExactly("x", "y");
    }

    @Test
    void a_copy_seen_twice_does_not_complete_a_statement_whose_copies_are_identified() {
        List<LogRecord> p = List.of(copy(0, "s", 0, "DELETE FROM m"), copy(1, "s", 0, "DELETE FROM m"), copy(2, "s", 1, "DELETE FROM m"),
                data(3), copy(4, "s", 2, "DELETE FROM m"));

        assertThat(PartitionStops.of(p, Set.of())).extracting(PartitionStops.Stop::index).containsExactly(4);
    }

    @Test
    void without_ddl_copy_the_copies_are_counted() {
        List<LogRecord> p = List.of(copy(0, "s", null, "DELETE FROM m"), copy(1, "s", null, "DELETE FROM m"), data(2),
                copy(3, "s", null, "DELETE FROM m"));

        assertThat(PartitionStops.of(p, Set.of())).extracting(PartitionStops.Stop::index).containsExactly(3);
    }

    @Test
    void create_never_stops_a_partition() {
        List<LogRecord> p = List.of(copy(0, "c", 0, "CREATE DATABASE d0"), copy(1, "c", 1, "CREATE DATABASE d0"),
                copy(2, "c", 2, "CREATE DATABASE d0"));

        assertThat(PartitionStops.of(p, Set.of())).isEmpty();
    }

    @Test
    void a_statement_missing_a_copy_in_one_partition_is_voided_and_stops_no_partition() {
        List<LogRecord> whole = List.of(copy(0, "s", 0, "DROP DATABASE d0"), copy(1, "s", 1, "DROP DATABASE d0"),
                copy(2, "s", 2, "DROP DATABASE d0"));
        List<LogRecord> short1 = new ArrayList<>(List.of(copy(0, "s", 0, "DROP DATABASE d0"), copy(1, "s", 2, "DROP DATABASE d0")));

        Map<String, String> voided = PartitionStops.voided(Map.of(T, Map.of(0, whole, 1, short1)));

        assertThat(voided).containsOnlyKeys("s");
        assertThat(voided.get("s")).contains("2 distinct", T + "/1");
        assertThat(PartitionStops.of(whole, voided.keySet())).isEmpty();
    }

    private static LogRecord data(long offset) {
        return new LogRecord(T, 0, offset, false, "d0", "", "", 0, null, "m,host=h0 v=1 " + offset);
    }

    private static LogRecord copy(long offset, String id, Integer copy, String statement) {
        return new LogRecord(T, 0, offset, true, "d0", "", id, 3, copy, statement);
    }
}
