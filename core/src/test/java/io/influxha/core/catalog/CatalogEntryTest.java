package io.influxha.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogEntryTest {
    private static final String INCARNATION = "5f0c6c1e-9a47-4c1b-8d1e-2b9f3a7c0d11";

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of(CatalogEntry.database("telegraf", "CREATE DATABASE \"telegraf\"", "autogen")),
                Arguments.of(CatalogEntry.database("d\"q", "CREATE DATABASE \"d\\\"q\" WITH NAME week", "week")),
                Arguments.of(CatalogEntry.database("nodefault", "CREATE DATABASE nodefault", null)),
                Arguments.of(CatalogEntry.database("given", "CREATE DATABASE given", "autogen", INCARNATION)),
                Arguments.of(CatalogEntry.database("given", "CREATE DATABASE given", "autogen", INCARNATION).withDefaultRp("week")),
                Arguments.of(CatalogEntry.droppedDatabase("gone")),
                Arguments.of(CatalogEntry.retentionPolicy("telegraf", "week",
                        List.of("CREATE RETENTION POLICY week ON telegraf DURATION 7d REPLICATION 1",
                                "ALTER RETENTION POLICY week ON telegraf DURATION 14d"), INCARNATION)),
                Arguments.of(CatalogEntry.retentionPolicy("orphan", "week", List.of("CREATE RETENTION POLICY week ON orphan DURATION 1d"), "")),
                Arguments.of(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", INCARNATION)),
                Arguments.of(CatalogEntry.applied("influx-a", "ddl-0-42", "ok")),
                Arguments.of(CatalogEntry.applied("influx-b", "ddl-1-7", "error parsing query: found FOO")),
                Arguments.of(CatalogEntry.gatewayLast("host-8086", "3f2c")));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void every_kind_reads_back_unchanged_from_its_value(CatalogEntry e) {
        assertThat(CatalogEntry.parse(e.key(), e.valueBytes())).isEqualTo(e);
    }

    @Test
    void keys_name_the_object_so_compaction_keeps_its_latest_state() {
        assertThat(CatalogEntry.database("d", "CREATE DATABASE d", "").key()).isEqualTo("db/d");
        assertThat(CatalogEntry.droppedDatabase("d").key()).isEqualTo("db/d");
        assertThat(CatalogEntry.retentionPolicy("d", "r", List.of("CREATE RETENTION POLICY r ON d DURATION 1d REPLICATION 1"), INCARNATION).key())
                .isEqualTo("rp/d/r");
        assertThat(CatalogEntry.droppedRetentionPolicy("d", "r", INCARNATION).key()).isEqualTo("rp/d/r");
        assertThat(CatalogEntry.applied("b", "id", "ok").key()).isEqualTo("applied/b/id");
    }

    @Test
    void a_dropped_database_keeps_only_its_name() {
        CatalogEntry e = CatalogEntry.droppedDatabase("gone");

        assertThat(e.dropped()).isTrue();
        assertThat(e.createStatement()).isEmpty();
        assertThat(new String(e.valueBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"database\",\"db\":\"gone\",\"incarnation\":\"\",\"dropped\":true}");
    }

    @Test
    void a_dropped_retention_policy_keeps_only_its_names_and_incarnation() {
        CatalogEntry e = CatalogEntry.droppedRetentionPolicy("d", "week", INCARNATION);

        assertThat(e.dropped()).isTrue();
        assertThat(e.statements()).isEmpty();
        assertThat(new String(e.valueBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"rp\",\"db\":\"d\",\"rp\":\"week\",\"incarnation\":\"" + INCARNATION + "\",\"dropped\":true}");
    }

    @Test
    void a_retention_policy_keeps_its_create_and_the_latest_alters_past_the_limit() {
        List<String> statements = new ArrayList<>();
        statements.add("CREATE RETENTION POLICY r ON d DURATION 1d REPLICATION 1");
        int alters = CatalogEntry.MAX_RP_STATEMENTS + 5;
        IntStream.rangeClosed(1, alters).forEach(i -> statements.add("ALTER RETENTION POLICY r ON d DURATION " + i + "d"));

        CatalogEntry e = CatalogEntry.retentionPolicy("d", "r", statements, INCARNATION);

        assertThat(e.statements()).hasSize(CatalogEntry.MAX_RP_STATEMENTS);
        assertThat(e.statements().get(0)).isEqualTo(statements.get(0));
        assertThat(e.statements().subList(1, e.statements().size()))
                .isEqualTo(statements.subList(statements.size() - (CatalogEntry.MAX_RP_STATEMENTS - 1), statements.size()));
        assertThat(e.statements()).last().isEqualTo("ALTER RETENTION POLICY r ON d DURATION " + alters + "d");
    }

    @Test
    void a_retention_policy_at_the_limit_keeps_every_statement() {
        List<String> statements = IntStream.range(0, CatalogEntry.MAX_RP_STATEMENTS).mapToObj(i -> "S" + i).toList();

        assertThat(CatalogEntry.retentionPolicy("d", "r", statements, INCARNATION).statements()).isEqualTo(statements);
    }

    @Test
    void each_created_database_starts_a_new_incarnation() {
        CatalogEntry first = CatalogEntry.database("d", "CREATE DATABASE d", "autogen");
        CatalogEntry again = CatalogEntry.database("d", "CREATE DATABASE d", "autogen");

        assertThat(first.incarnation()).isNotEmpty().isNotEqualTo(again.incarnation());
        assertThat(java.util.UUID.fromString(first.incarnation()).toString()).isEqualTo(first.incarnation());
    }

    @Test
    void another_default_keeps_the_incarnation_and_the_create() {
        CatalogEntry d = CatalogEntry.database("d", "CREATE DATABASE d", "autogen", INCARNATION);

        CatalogEntry altered = d.withDefaultRp("week");

        assertThat(altered.defaultRp()).isEqualTo("week");
        assertThat(altered.incarnation()).isEqualTo(INCARNATION);
        assertThat(altered.createStatement()).isEqualTo("CREATE DATABASE d");
        assertThat(altered.createdRp()).isEqualTo("autogen");
    }

    @Test
    void the_incarnation_is_written_to_database_and_policy_values() {
        String db = new String(CatalogEntry.database("d", "CREATE DATABASE d", "autogen", INCARNATION).valueBytes(), StandardCharsets.UTF_8);
        String rp = new String(CatalogEntry.retentionPolicy("d", "r", List.of("CREATE RP"), INCARNATION).valueBytes(), StandardCharsets.UTF_8);

        assertThat(db).contains("\"incarnation\":\"" + INCARNATION + "\"");
        assertThat(rp).contains("\"incarnation\":\"" + INCARNATION + "\"");
        assertThat(CatalogEntry.parse("db/d", db.getBytes(StandardCharsets.UTF_8)).incarnation()).isEqualTo(INCARNATION);
        assertThat(CatalogEntry.parse("rp/d/r", rp.getBytes(StandardCharsets.UTF_8)).incarnation()).isEqualTo(INCARNATION);
    }

    static Stream<Arguments> recordsWithoutIncarnation() {
        return Stream.of(
                Arguments.of("db/d", "{\"type\":\"database\",\"db\":\"d\",\"create\":\"CREATE DATABASE d\",\"default_rp\":\"autogen\"}"),
                Arguments.of("rp/d/r", "{\"type\":\"rp\",\"db\":\"d\",\"rp\":\"r\",\"statements\":[\"CREATE RP\"]}"),
                Arguments.of("rp/d/r", "{\"type\":\"rp\",\"db\":\"d\",\"rp\":\"r\",\"dropped\":true}"));
    }

    /** Records written before incarnations existed: database and policies then share "" and still match. */
    @ParameterizedTest
    @MethodSource("recordsWithoutIncarnation")
    void a_record_without_incarnation_reads_as_the_empty_incarnation(String key, String json) {
        assertThat(CatalogEntry.parse(key, json.getBytes(StandardCharsets.UTF_8)).incarnation()).isEmpty();
    }

    @Test
    void another_default_keeps_the_policy_the_create_made() {
        CatalogEntry d = CatalogEntry.database("d", "CREATE DATABASE d WITH NAME day", "day", INCARNATION).withDefaultRp("week");

        assertThat(d.createdRp()).isEqualTo("day");
        assertThat(d.defaultRp()).isEqualTo("week");
        assertThat(new String(d.valueBytes(), StandardCharsets.UTF_8)).contains("\"created_rp\":\"day\"").contains("\"default_rp\":\"week\"");
    }

    static Stream<Arguments> recordsWithoutCreatedRp() {
        return Stream.of(
                Arguments.of("{\"type\":\"database\",\"db\":\"d\",\"create\":\"CREATE DATABASE d\",\"default_rp\":\"week\"}", "autogen"),
                Arguments.of("{\"type\":\"database\",\"db\":\"d\",\"create\":\"create database d with duration 1d\",\"default_rp\":\"week\"}", "autogen"),
                Arguments.of("{\"type\":\"database\",\"db\":\"d\",\"create\":\"CREATE DATABASE d WITH DURATION 1d NAME day\",\"default_rp\":\"day\"}", "day"));
    }

    /**
     * Records written before created_rp existed: the CREATE made autogen unless it has a NAME
     * clause; with one, the default recorded is the best guess (it was that name until an ALTER ... DEFAULT).
     */
    @ParameterizedTest
    @MethodSource("recordsWithoutCreatedRp")
    void a_database_record_without_created_rp_reads_it_from_its_create(String json, String created) {
        assertThat(CatalogEntry.parse("db/d", json.getBytes(StandardCharsets.UTF_8)).createdRp()).isEqualTo(created);
    }

    @Test
    void a_value_that_is_not_json_names_the_key() {
        assertThatThrownBy(() -> CatalogEntry.parse("db/x", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/x").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> CatalogEntry.parse("db/y", "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/y").hasMessageContaining("not a JSON object");
    }

    @Test
    void an_empty_value_names_the_key() {
        assertThatThrownBy(() -> CatalogEntry.parse("db/e", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/e");
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(
                Arguments.of("db/x", "{\"type\":\"database\",\"create\":\"CREATE DATABASE x\"}", "db"),
                Arguments.of("db/x", "{\"type\":\"database\",\"db\":\"x\"}", "create"),
                Arguments.of("db/x", "{\"type\":\"database\",\"db\":7,\"create\":\"CREATE DATABASE x\"}", "db"),
                Arguments.of("db/x", "{\"type\":\"database\",\"dropped\":true}", "db"),
                Arguments.of("rp/x/r", "{\"type\":\"rp\",\"db\":\"x\",\"statements\":[\"CREATE\"]}", "rp"),
                Arguments.of("rp/x/r", "{\"type\":\"rp\",\"rp\":\"r\",\"dropped\":true}", "db"),
                Arguments.of("rp/x/r", "{\"type\":\"rp\",\"db\":\"x\",\"rp\":\"r\"}", "statements"),
                Arguments.of("rp/x/r", "{\"type\":\"rp\",\"db\":\"x\",\"rp\":\"r\",\"statements\":\"CREATE\"}", "statements"),
                Arguments.of("rp/x/r", "{\"type\":\"rp\",\"db\":\"x\",\"rp\":\"r\",\"statements\":[\"CREATE\",{}]}", "statements"),
                Arguments.of("applied/b/1", "{\"type\":\"applied\",\"ddl_id\":\"1\",\"result\":\"ok\"}", "backend"),
                Arguments.of("applied/b/1", "{\"type\":\"applied\",\"backend\":\"b\",\"result\":\"ok\"}", "ddl_id"));
    }

    @ParameterizedTest
    @MethodSource("missingFields")
    void a_missing_field_names_the_key_and_the_field(String key, String json, String field) {
        assertThatThrownBy(() -> CatalogEntry.parse(key, json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key).hasMessageContaining("\"" + field + "\"");
    }

    @Test
    void an_unknown_type_names_the_key_and_the_type() {
        assertThatThrownBy(() -> CatalogEntry.parse("user/x", "{\"type\":\"user\",\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user/x").hasMessageContaining("unknown type \"user\"");
        assertThatThrownBy(() -> CatalogEntry.parse("db/n", "{\"db\":\"n\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/n").hasMessageContaining("unknown type \"\"");
    }

    @Test
    void trimming_keeps_the_statements_up_to_the_create_and_the_latest_alters() {
        java.util.List<String> statements = new java.util.ArrayList<>(java.util.List.of("DROP RETENTION POLICY r ON d", "CREATE RETENTION POLICY r ON d DURATION 1d REPLICATION 1"));
        for (int i = 0; i < 40; i++) {
            statements.add("ALTER RETENTION POLICY r ON d DURATION " + (i + 2) + "d");
        }

        CatalogEntry e = CatalogEntry.retentionPolicy("d", "r", statements, "i");

        org.assertj.core.api.Assertions.assertThat(e.statements()).hasSize(CatalogEntry.MAX_RP_STATEMENTS)
                .startsWith(statements.get(0), statements.get(1)).endsWith(statements.get(statements.size() - 1));
        org.assertj.core.api.Assertions.assertThat(e.statements().get(2)).isEqualTo("ALTER RETENTION POLICY r ON d DURATION 12d");
    }
}
