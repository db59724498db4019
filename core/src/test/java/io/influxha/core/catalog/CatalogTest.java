package io.influxha.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.catalog.Catalog.Presence;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final String CREATE_DB = "CREATE DATABASE \"telegraf\"";
    private static final String CREATE_WEEK = "CREATE RETENTION POLICY \"week\" ON \"telegraf\" DURATION 7d REPLICATION 1";
    private static final String ALTER_WEEK = "ALTER RETENTION POLICY \"week\" ON \"telegraf\" DURATION 14d";
    private static final String CREATE_DAY = "CREATE RETENTION POLICY \"day\" ON \"telegraf\" DURATION 1d REPLICATION 1";

    private static final String CREATE_WEEK_AGAIN = "CREATE RETENTION POLICY \"week\" ON \"telegraf\" DURATION 3d REPLICATION 1";
    private static final String INC = "inc-1";
    private static final String DROP_AUTOGEN = "DROP RETENTION POLICY \"autogen\" ON \"telegraf\"";
    private static final String WEEK_DEFAULT = "ALTER RETENTION POLICY \"week\" ON \"telegraf\" DEFAULT";

    private final Catalog catalog = new Catalog();

    private static CatalogEntry telegraf(String defaultRp, String incarnation) {
        return CatalogEntry.database("telegraf", CREATE_DB, defaultRp, incarnation);
    }

    /**
     * A live policy whose entry names no policy incarnation (written by an earlier version, e.g.
     * an ALTER) is live for every incarnation a record names: points are never discarded for it.
     */
    @Test
    void a_live_policy_from_an_entry_without_incarnation_is_live_for_the_incarnations_records_name() {
        catalog.apply(CatalogEntry.database("telegraf", CREATE_DB, "autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), INC, "p-1"));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK, ALTER_WEEK), INC));

        assertThat(catalog.policyIncarnation("telegraf", "week", "p-1")).isEqualTo(Catalog.Incarnation.LIVE);
    }

    @Test
    void a_created_database_is_live_and_an_unknown_one_absent() {
        catalog.apply(CatalogEntry.database("telegraf", CREATE_DB, "autogen"));

        assertThat(catalog.presence("telegraf")).isEqualTo(Presence.LIVE);
        assertThat(catalog.presence("other")).isEqualTo(Presence.ABSENT);
        assertThat(catalog.knows("other")).isFalse();
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.createStatement()).isEqualTo(CREATE_DB));
    }

    @Test
    void a_dropped_database_is_absent_but_still_known() {
        catalog.apply(CatalogEntry.database("telegraf", CREATE_DB, "autogen"));
        catalog.apply(CatalogEntry.droppedDatabase("telegraf"));

        assertThat(catalog.presence("telegraf")).isEqualTo(Presence.ABSENT);
        assertThat(catalog.knows("telegraf")).isTrue();
        assertThat(catalog.database("telegraf")).isEmpty();
        assertThat(catalog.databases()).isEmpty();
    }

    @Test
    void a_database_created_again_after_its_drop_is_live() {
        catalog.apply(CatalogEntry.droppedDatabase("telegraf"));
        catalog.apply(CatalogEntry.database("telegraf", CREATE_DB, "autogen"));

        assertThat(catalog.presence("telegraf")).isEqualTo(Presence.LIVE);
    }

    @Test
    void live_databases_are_listed_by_name() {
        catalog.apply(CatalogEntry.database("b", "CREATE DATABASE b", "autogen"));
        catalog.apply(CatalogEntry.database("a", "CREATE DATABASE a", "autogen"));
        catalog.apply(CatalogEntry.droppedDatabase("c"));

        assertThat(catalog.databases()).extracting(CatalogEntry::db).containsExactly("a", "b");
    }

    @Test
    void recreate_lists_the_create_then_each_policy_by_name_then_the_live_default() {
        catalog.apply(telegraf("week", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK, ALTER_WEEK), INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "day", List.of(CREATE_DAY), INC));
        catalog.apply(CatalogEntry.database("other", "CREATE DATABASE other", "autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("other", "aaa", List.of("CREATE RETENTION POLICY aaa ON other DURATION 1h REPLICATION 1"), INC));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_DAY, CREATE_WEEK, ALTER_WEEK, WEEK_DEFAULT);
    }

    @Test
    void recreate_drops_dropped_policies_after_the_live_ones_and_leaves_out_a_default_that_is_not_live() {
        catalog.apply(telegraf("week", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "day", List.of(CREATE_DAY), INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "week", INC));

        // DROP RETENTION POLICY of a policy the backend lacks succeeds in 1.8 (meta.Data.DropRetentionPolicy).
        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_DAY, "DROP RETENTION POLICY \"week\" ON \"telegraf\"");
        assertThat(catalog.droppedRetentionPolicies("telegraf")).extracting(CatalogEntry::rp).containsExactly("week");
        assertThat(catalog.retentionPolicy("telegraf", "week")).isEmpty();
        assertThat(catalog.retentionPolicies("telegraf")).extracting(CatalogEntry::rp).containsExactly("day");
    }

    @Test
    void recreate_quotes_the_default_policy_and_database_names() {
        catalog.apply(CatalogEntry.database("my \"db\"", "CREATE DATABASE \"my \\\"db\\\"\"", "r\\p", INC));
        catalog.apply(CatalogEntry.retentionPolicy("my \"db\"", "r\\p", List.of("CREATE RP"), INC));

        assertThat(catalog.recreate("my \"db\"")).last().isEqualTo("ALTER RETENTION POLICY \"r\\\\p\" ON \"my \\\"db\\\"\" DEFAULT");
    }

    @Test
    void quote_escapes_as_influxql_quote_ident_does() {
        assertThat(Catalog.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Catalog.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Catalog.quote("line\nbreak")).isEqualTo("\"line\\nbreak\"").doesNotContain("\n");
    }

    @Test
    void a_dropped_database_recreates_nothing() {
        catalog.apply(telegraf("week", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), INC));
        catalog.apply(CatalogEntry.droppedDatabase("telegraf"));

        assertThat(catalog.recreate("telegraf")).isEmpty();
        assertThat(catalog.retentionPolicies("telegraf")).isEmpty();
        assertThat(catalog.retentionPolicy("telegraf", "week")).isEmpty();
        assertThat(catalog.recreate("never")).isEmpty();
    }

    @Test
    void a_dropped_autogen_is_recreated_as_a_drop_before_the_default() {
        catalog.apply(telegraf("week", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", INC));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_WEEK, DROP_AUTOGEN, WEEK_DEFAULT);
    }

    @Test
    void a_dropped_default_autogen_is_recreated_as_a_drop_and_no_default() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", INC));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, DROP_AUTOGEN);
    }

    @Test
    void policies_of_an_earlier_incarnation_are_not_part_of_the_database_created_again() {
        catalog.apply(telegraf("week", "old"));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), "old"));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", "old"));
        catalog.apply(CatalogEntry.droppedDatabase("telegraf"));
        catalog.apply(telegraf("autogen", "new"));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB);
        assertThat(catalog.retentionPolicies("telegraf")).isEmpty();
        assertThat(catalog.droppedRetentionPolicies("telegraf")).isEmpty();
        assertThat(catalog.retentionPolicy("telegraf", "week")).isEmpty();
    }

    @Test
    void a_policy_created_in_the_new_incarnation_replaces_the_old_one() {
        catalog.apply(telegraf("autogen", "old"));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK, ALTER_WEEK), "old"));
        catalog.apply(CatalogEntry.droppedDatabase("telegraf"));
        catalog.apply(telegraf("autogen", "new"));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), "new"));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_WEEK);
    }

    @Test
    void policies_of_no_incarnation_are_ignored_for_a_database_that_has_one() {
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), ""));
        catalog.apply(telegraf("autogen", INC));

        assertThat(catalog.retentionPolicy("telegraf", "week")).isEmpty();
        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB);
    }

    @Test
    void records_written_before_incarnations_existed_still_belong_together() {
        catalog.apply(telegraf("week", ""));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), ""));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_WEEK, WEEK_DEFAULT);
    }

    @Test
    void a_default_dropped_then_created_again_is_recreated_then_made_default() {
        catalog.apply(telegraf("week", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK + " DEFAULT"), INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "week", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK_AGAIN), INC));

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_WEEK_AGAIN, WEEK_DEFAULT);
    }

    @Test
    void a_database_has_the_policy_its_create_made_and_the_policies_created_since_by_exact_name() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), INC));

        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).isTrue();
        assertThat(catalog.hasRetentionPolicy("telegraf", "week")).isTrue();
        assertThat(catalog.hasRetentionPolicy("telegraf", "Week")).as("1.x matches names exactly").isFalse();
        assertThat(catalog.hasRetentionPolicy("telegraf", "nope")).isFalse();
        assertThat(catalog.hasRetentionPolicy("other", "autogen")).isFalse();
    }

    @Test
    void create_database_with_name_makes_that_policy_and_no_autogen() {
        catalog.apply(CatalogEntry.database("d", "CREATE DATABASE d WITH DURATION 1d NAME day", "day", INC));

        assertThat(catalog.hasRetentionPolicy("d", "day")).isTrue();
        assertThat(catalog.hasRetentionPolicy("d", "autogen")).isFalse();
    }

    @Test
    void a_dropped_policy_is_gone_until_it_is_created_again() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "week", INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", INC));

        assertThat(catalog.hasRetentionPolicy("telegraf", "week")).isFalse();
        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).isFalse();

        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "autogen", List.of(DROP_AUTOGEN, "CREATE RETENTION POLICY autogen ON telegraf DURATION 1d REPLICATION 1"), INC));
        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).isTrue();
    }

    @Test
    void policies_of_an_earlier_incarnation_are_not_policies_of_the_database_created_again() {
        catalog.apply(telegraf("autogen", "old"));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK), "old"));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", "old"));
        catalog.apply(CatalogEntry.droppedDatabase("telegraf"));
        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).as("database dropped").isFalse();

        catalog.apply(telegraf("autogen", "new"));

        assertThat(catalog.hasRetentionPolicy("telegraf", "week")).isFalse();
        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).as("the new CREATE made it again").isTrue();
    }

    @Test
    void an_empty_policy_names_the_database_default_which_stays_its_name_after_that_policy_is_dropped() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", INC));

        assertThat(catalog.writePolicy("telegraf", "")).isEqualTo("autogen");
        assertThat(catalog.writePolicy("telegraf", "week")).isEqualTo("week");
        assertThat(catalog.hasRetentionPolicy("telegraf", catalog.writePolicy("telegraf", ""))).isFalse();
    }

    @Test
    void another_default_keeps_the_policy_the_create_made() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK + " DEFAULT"), INC));
        catalog.apply(catalog.database("telegraf").orElseThrow().withDefaultRp("week"));

        assertThat(catalog.writePolicy("telegraf", "")).isEqualTo("week");
        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).isTrue();
    }

    @Test
    void recreate_policy_gives_the_policy_statements_of_the_current_incarnation_and_nothing_for_a_dropped_or_unknown_one() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK, ALTER_WEEK), INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "day", List.of(CREATE_DAY), INC));
        catalog.apply(CatalogEntry.droppedRetentionPolicy("telegraf", "day", INC));

        assertThat(catalog.recreatePolicy("telegraf", "week")).containsExactly(CREATE_WEEK, ALTER_WEEK);
        assertThat(catalog.recreatePolicy("telegraf", "day")).as("dropped").isEmpty();
        assertThat(catalog.recreatePolicy("telegraf", "Week")).as("names are exact").isEmpty();
        assertThat(catalog.recreatePolicy("other", "week")).as("no such database").isEmpty();
        assertThat(catalog.recreatePolicy("telegraf", "")).as("the default, made by the CREATE DATABASE: nothing makes it alone").isEmpty();
    }

    @Test
    void recreate_policy_puts_the_default_back_where_the_catalog_has_it_when_the_policy_statements_move_it() {
        catalog.apply(telegraf("autogen", INC));
        catalog.apply(CatalogEntry.retentionPolicy("telegraf", "week", List.of(CREATE_WEEK + " DEFAULT", ALTER_WEEK), INC));
        catalog.apply(telegraf("autogen", INC)); // ALTER autogen DEFAULT since

        assertThat(catalog.recreatePolicy("telegraf", "week")).containsExactly(CREATE_WEEK + " DEFAULT", ALTER_WEEK,
                "ALTER RETENTION POLICY \"autogen\" ON \"telegraf\" DEFAULT");
        catalog.apply(telegraf("week", INC));
        assertThat(catalog.recreatePolicy("telegraf", "")).containsExactly(CREATE_WEEK + " DEFAULT", ALTER_WEEK);
    }

    @Test
    void the_last_statements_of_the_gateways_that_committed_most_recently_are_listed_oldest_first() {
        catalog.apply(CatalogEntry.gatewayLast("g1", "a"));
        catalog.apply(CatalogEntry.gatewayLast("g2", "b"));
        catalog.apply(CatalogEntry.gatewayLast("g3", "c"));
        catalog.apply(CatalogEntry.gatewayLast("g1", "d"));

        assertThat(catalog.lastStatementsOfGateways(10)).containsExactly("b", "c", "d");
        assertThat(catalog.lastStatementsOfGateways(2)).containsExactly("c", "d");
    }

    @Test
    void applied_is_recorded_per_backend() {
        catalog.apply(CatalogEntry.applied("influx-a", "ddl-1", "ok"));
        catalog.apply(CatalogEntry.applied("influx-b", "ddl-1", "retention policy not found: week"));

        assertThat(catalog.applied("influx-a", "ddl-1")).hasValueSatisfying(e -> assertThat(e.result()).isEqualTo("ok"));
        assertThat(catalog.applied("influx-b", "ddl-1")).hasValueSatisfying(e -> assertThat(e.result()).contains("not found"));
        assertThat(catalog.applied("influx-c", "ddl-1")).isEmpty();
        assertThat(catalog.applied("influx-a", "ddl-2")).isEmpty();
    }
}
