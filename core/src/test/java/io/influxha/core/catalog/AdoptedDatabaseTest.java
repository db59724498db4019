package io.influxha.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.core.catalog.ShowRetentionPolicies.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A database found only on a backend, recorded with the policies it has there (SHOW answers of influxd 1.6.7). */
class AdoptedDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "\"columns\":[\"name\",\"duration\",\"shardGroupDuration\",\"replicaN\",\"default\"]";
    private static final long HOUR = 3_600_000_000_000L;

    private static JsonNode answer(String values) {
        try {
            return JSON.readTree("{\"results\":[{\"statement_id\":0,\"series\":[{" + COLUMNS + values + "}]}]}");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Catalog catalogOf(List<CatalogEntry> entries) {
        Catalog c = new Catalog();
        entries.forEach(c::apply);
        return c;
    }

    @Test
    void show_retention_policies_is_read_by_column_name_with_go_durations() {
        JsonNode a = answer(",\"values\":[[\"two\",\"48h0m0s\",\"24h0m0s\",1,true],[\"we ek\",\"1h30m0s\",\"1h0m0s\",2,false],"
                + "[\"autogen\",\"0s\",\"168h0m0s\",1,false]]");

        assertThat(ShowRetentionPolicies.policies(a)).hasValue(List.of(
                new Policy("two", 48 * HOUR, 24 * HOUR, 1, true),
                new Policy("we ek", 90 * HOUR / 60, HOUR, 2, false),
                new Policy("autogen", 0, 168 * HOUR, 1, false)));
    }

    @Test
    void a_database_without_policies_has_an_empty_list_and_an_unknown_one_none() throws Exception {
        assertThat(ShowRetentionPolicies.policies(answer(""))).hasValue(List.of());
        assertThat(ShowRetentionPolicies.policies(JSON.readTree("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}")))
                .isEmpty();
    }

    @Test
    void go_durations_of_every_unit_are_read() {
        assertThat(ShowRetentionPolicies.goDurationNanos("0s")).isZero();
        assertThat(ShowRetentionPolicies.goDurationNanos("1h0m0s")).isEqualTo(HOUR);
        assertThat(ShowRetentionPolicies.goDurationNanos("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(ShowRetentionPolicies.goDurationNanos("2ms")).isEqualTo(2_000_000L);
        assertThat(ShowRetentionPolicies.goDurationNanos("3µs")).isEqualTo(3_000L);
        assertThat(ShowRetentionPolicies.goDurationNanos("4ns")).isEqualTo(4L);
        assertThatThrownBy(() -> ShowRetentionPolicies.goDurationNanos("1d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1d");
    }

    @Test
    void the_default_policy_is_made_by_the_create_and_the_others_by_their_own_create() {
        List<CatalogEntry> entries = AdoptedDatabase.entries("z", List.of(
                new Policy("two", 48 * HOUR, 24 * HOUR, 1, true),
                new Policy("we ek", 90 * HOUR / 60, HOUR, 2, false),
                new Policy("autogen", 0, 168 * HOUR, 1, false)));
        Catalog c = catalogOf(entries);

        assertThat(c.recreate("z")).containsExactly(
                "CREATE DATABASE \"z\" WITH DURATION 48h REPLICATION 1 SHARD DURATION 24h NAME \"two\"",
                "CREATE RETENTION POLICY \"autogen\" ON \"z\" DURATION INF REPLICATION 1 SHARD DURATION 168h",
                "CREATE RETENTION POLICY \"we ek\" ON \"z\" DURATION 90m REPLICATION 2 SHARD DURATION 1h");
        assertThat(c.writePolicy("z", "")).isEqualTo("two");
        assertThat(List.of("two", "we ek", "autogen")).allMatch(rp -> c.hasRetentionPolicy("z", rp));
        assertThat(c.hasRetentionPolicy("z", "nope")).isFalse();
        assertThat(entries).extracting(CatalogEntry::incarnation).containsOnly(entries.get(0).incarnation());
    }

    @Test
    void a_plain_database_records_autogen_as_its_default() {
        Catalog c = catalogOf(AdoptedDatabase.entries("telegraf", List.of(new Policy("autogen", 0, 168 * HOUR, 1, true))));

        assertThat(c.recreate("telegraf")).containsExactly(
                "CREATE DATABASE \"telegraf\" WITH DURATION INF REPLICATION 1 SHARD DURATION 168h NAME \"autogen\"");
        assertThat(c.writePolicy("telegraf", "")).isEqualTo("autogen");
        assertThat(c.hasRetentionPolicy("telegraf", "autogen")).isTrue();
    }

    /** 1.x keeps the name of a dropped default; SHOW does not show it. The usual case is autogen dropped. */
    @Test
    void a_database_whose_default_autogen_was_dropped_records_autogen_dropped_and_still_default() {
        Catalog c = catalogOf(AdoptedDatabase.entries("d", List.of(new Policy("week", 168 * HOUR, 24 * HOUR, 1, false))));

        assertThat(c.recreate("d")).containsExactly("CREATE DATABASE \"d\"",
                "CREATE RETENTION POLICY \"week\" ON \"d\" DURATION 168h REPLICATION 1 SHARD DURATION 24h",
                "DROP RETENTION POLICY \"autogen\" ON \"d\"");
        assertThat(c.writePolicy("d", "")).isEqualTo("autogen");
        assertThat(c.hasRetentionPolicy("d", "autogen")).isFalse();
        assertThat(c.hasRetentionPolicy("d", "week")).isTrue();
    }

    /** Another dropped default: its name is not knowable, so a write without rp names none that exists. */
    @Test
    void a_database_with_autogen_but_no_default_keeps_autogen_and_an_unknown_default() {
        Catalog c = catalogOf(AdoptedDatabase.entries("d", List.of(new Policy("autogen", HOUR * 24, HOUR, 1, false))));

        assertThat(c.recreate("d")).containsExactly("CREATE DATABASE \"d\"",
                "ALTER RETENTION POLICY \"autogen\" ON \"d\" DURATION 24h REPLICATION 1 SHARD DURATION 1h");
        assertThat(c.hasRetentionPolicy("d", "autogen")).isTrue();
        assertThat(c.writePolicy("d", "")).isEmpty();
        assertThat(c.hasRetentionPolicy("d", "")).isFalse();
    }

    @Test
    void names_are_quoted_as_influxql_identifiers() {
        Catalog c = catalogOf(AdoptedDatabase.entries("my \"db\"", List.of(new Policy("r\\p", HOUR, HOUR, 1, true))));

        assertThat(c.recreate("my \"db\"")).containsExactly(
                "CREATE DATABASE \"my \\\"db\\\"\" WITH DURATION 1h REPLICATION 1 SHARD DURATION 1h NAME \"r\\\\p\"");
    }

    @Test
    void durations_are_written_in_the_largest_exact_influxql_unit() {
        assertThat(AdoptedDatabase.influxQlDuration(0)).isEqualTo("INF");
        assertThat(AdoptedDatabase.influxQlDuration(168 * HOUR)).isEqualTo("168h");
        assertThat(AdoptedDatabase.influxQlDuration(90 * 60_000_000_000L)).isEqualTo("90m");
        assertThat(AdoptedDatabase.influxQlDuration(1_500_000_000L)).isEqualTo("1500ms");
        assertThat(AdoptedDatabase.influxQlDuration(1_001L)).isEqualTo("1001ns");
    }
}
