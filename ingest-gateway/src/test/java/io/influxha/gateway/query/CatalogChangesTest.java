package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.catalog.Catalog;
import io.influxha.core.catalog.CatalogEntry;
import io.influxha.gateway.influxql.InfluxQl;
import io.influxha.gateway.influxql.ParsedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogChangesTest {
    private static final String CREATE_DB = "CREATE DATABASE telegraf";
    private static final String CREATE_WEEK = "CREATE RETENTION POLICY week ON telegraf DURATION 7d REPLICATION 1";

    private final Catalog catalog = new Catalog();

    /** The catalog after the changes, as the gateway applies them once published. */
    private List<CatalogEntry> accept(String statement) {
        List<CatalogEntry> changes = changes(statement);
        changes.forEach(catalog::apply);
        return changes;
    }

    /** What the statement, parsed as the gateway parses it, would change; its text is what the gateway forwards. */
    private List<CatalogEntry> changes(String query) {
        ParsedStatement parsed = InfluxQl.parse(query, Map.of()).get(0);
        return CatalogChanges.of(parsed.statement(), parsed.text(), catalog);
    }

    /** The incarnation the catalog now has for {@code db}: a database entry's is made by its CREATE. */
    private String incarnation(String db) {
        return catalog.database(db).map(CatalogEntry::incarnation).orElseThrow();
    }

    /** The database entry expected for {@code db}: a CREATE makes a fresh incarnation, a UUID. */
    private CatalogEntry database(String db, String create, String defaultRp) {
        assertThat(java.util.UUID.fromString(incarnation(db))).isNotNull();
        return CatalogEntry.database(db, create, defaultRp, incarnation(db));
    }

    /** The policy entry expected: its own incarnation is the one the catalog now shows, made by its CREATE. */
    private CatalogEntry policy(String rp, String... statements) {
        return CatalogEntry.retentionPolicy("telegraf", rp, List.of(statements), incarnation("telegraf"), catalog.policyIncarnation("telegraf", rp));
    }

    @Test
    void each_create_retention_policy_makes_a_policy_incarnation_that_alters_keep_and_the_drop_names() {
        accept(CREATE_DB);
        assertThat(catalog.policyIncarnation("telegraf", "autogen")).as("the policy CREATE DATABASE made").isEqualTo(incarnation("telegraf"));
        accept(CREATE_WEEK);
        String first = catalog.policyIncarnation("telegraf", "week");
        assertThat(java.util.UUID.fromString(first)).isNotNull();

        accept("ALTER RETENTION POLICY week ON telegraf DURATION 14d");
        assertThat(catalog.policyIncarnation("telegraf", "week")).isEqualTo(first);
        assertThat(accept("DROP RETENTION POLICY week ON telegraf"))
                .containsExactly(CatalogEntry.droppedRetentionPolicy("telegraf", "week", incarnation("telegraf"), first));
        assertThat(catalog.policyIncarnation("telegraf", "week", first)).isEqualTo(Catalog.Incarnation.DROPPED);

        accept(CREATE_WEEK);
        String second = catalog.policyIncarnation("telegraf", "week");
        assertThat(second).isNotEmpty().isNotEqualTo(first);
        assertThat(catalog.policyIncarnation("telegraf", "week", second)).isEqualTo(Catalog.Incarnation.LIVE);
        assertThat(catalog.policyIncarnation("telegraf", "week", first)).isEqualTo(Catalog.Incarnation.DROPPED);
        assertThat(catalog.policyIncarnation("telegraf", "week", "never-seen")).isEqualTo(Catalog.Incarnation.UNKNOWN);
    }

    /**
     * Provisioning scripts re-issue CREATE RETENTION POLICY with the settings a policy already has
     * (influxd accepts and changes nothing): the policy keeps its incarnation, or every point still
     * in the log for it would be judged of a dropped incarnation and discarded.
     */
    @Test
    void create_retention_policy_of_a_policy_that_exists_keeps_its_incarnation() {
        accept(CREATE_DB);
        String autogen = catalog.policyIncarnation("telegraf", "autogen");
        accept("CREATE RETENTION POLICY autogen ON telegraf DURATION INF REPLICATION 1 DEFAULT");
        assertThat(catalog.policyIncarnation("telegraf", "autogen")).isEqualTo(autogen);
        assertThat(catalog.policyIncarnation("telegraf", "autogen", autogen)).isEqualTo(Catalog.Incarnation.LIVE);

        accept(CREATE_WEEK);
        String week = catalog.policyIncarnation("telegraf", "week");
        accept(CREATE_WEEK);
        assertThat(catalog.policyIncarnation("telegraf", "week")).isEqualTo(week);
    }

    @Test
    void autogen_dropped_and_created_again_is_a_new_policy_incarnation() {
        accept(CREATE_DB);
        String made = catalog.policyIncarnation("telegraf", "autogen");
        assertThat(accept("DROP RETENTION POLICY autogen ON telegraf"))
                .containsExactly(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", incarnation("telegraf"), made));
        accept("CREATE RETENTION POLICY autogen ON telegraf DURATION 0s REPLICATION 1");

        assertThat(catalog.policyIncarnation("telegraf", "autogen")).isNotEmpty().isNotEqualTo(made);
        assertThat(catalog.policyIncarnation("telegraf", "autogen", made)).isEqualTo(Catalog.Incarnation.DROPPED);
    }

    @Test
    void a_policy_entry_read_back_from_its_json_keeps_its_policy_incarnation() {
        accept(CREATE_DB);
        CatalogEntry week = accept(CREATE_WEEK).get(0);

        assertThat(CatalogEntry.parse(week.key(), week.valueBytes())).isEqualTo(week);
        CatalogEntry dropped = accept("DROP RETENTION POLICY week ON telegraf").get(0);
        assertThat(CatalogEntry.parse(dropped.key(), dropped.valueBytes())).isEqualTo(dropped);
    }

    @Test
    void create_database_records_it_with_autogen_as_default() {
        assertThat(accept(CREATE_DB)).containsExactly(database("telegraf", CREATE_DB, "autogen"));
    }

    @Test
    void create_database_with_a_named_policy_makes_that_policy_the_default() {
        String s = "create database telegraf with duration 30d replication 1 shard duration 1d name \"month\"";

        assertThat(accept(s)).containsExactly(database("telegraf", s, "month"));
    }

    @Test
    void create_database_without_name_in_its_with_clause_defaults_to_autogen() {
        String s = "CREATE DATABASE telegraf WITH DURATION 30d";

        assertThat(accept(s)).containsExactly(database("telegraf", s, "autogen"));
    }

    @Test
    void quoted_identifiers_are_unquoted() {
        String s = "CREATE DATABASE \"my \\\"db\\\"\" WITH NAME \"r p\"";

        assertThat(accept(s)).containsExactly(database("my \"db\"", s, "r p"));
        assertThat(accept("CREATE RETENTION POLICY \"a b\" ON \"my \\\"db\\\"\" DURATION 1d REPLICATION 1"))
                .extracting(CatalogEntry::db, CatalogEntry::rp).containsExactly(org.assertj.core.groups.Tuple.tuple("my \"db\"", "a b"));
    }

    @Test
    void comments_before_the_statement_are_not_part_of_it_and_the_rest_is_kept_as_sent() {
        String s = "-- for telegraf\n/* plain */ CREATE /* x */ DATABASE\ttelegraf";

        assertThat(accept(s)).containsExactly(database("telegraf", "CREATE /* x */ DATABASE\ttelegraf", "autogen"));
    }

    @Test
    void drop_database_of_a_name_never_recorded_records_it_as_dropped() {
        assertThat(accept("DROP DATABASE never")).containsExactly(CatalogEntry.droppedDatabase("never"));
        assertThat(catalog.knows("never")).isTrue();
    }

    @Test
    void a_name_quoted_by_the_catalog_reads_back_unchanged() {
        String name = "we\"ird\\na\nme";
        String s = "CREATE DATABASE " + Catalog.quote(name);

        assertThat(accept(s)).containsExactly(database(name, s, "autogen"));
    }

    @Test
    void create_database_of_a_live_database_changes_nothing() {
        accept(CREATE_DB);

        assertThat(accept("CREATE DATABASE telegraf WITH NAME other")).isEmpty();
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.defaultRp()).isEqualTo("autogen"));
    }

    @Test
    void create_database_of_a_dropped_database_records_it_again_as_a_new_incarnation() {
        accept(CREATE_DB);
        String first = incarnation("telegraf");
        accept("DROP DATABASE telegraf");

        assertThat(accept(CREATE_DB)).containsExactly(database("telegraf", CREATE_DB, "autogen"));
        assertThat(incarnation("telegraf")).isNotEqualTo(first);
    }

    @Test
    void drop_database_records_only_the_dropped_database() {
        accept(CREATE_DB);
        accept(CREATE_WEEK);
        accept("CREATE DATABASE other");
        accept("CREATE RETENTION POLICY keep ON other DURATION 1d REPLICATION 1");
        String dropped = incarnation("telegraf");

        assertThat(accept("DROP DATABASE \"telegraf\"")).containsExactly(CatalogEntry.droppedDatabase("telegraf", dropped));
        assertThat(catalog.knows("telegraf")).isTrue();
        assertThat(catalog.retentionPolicy("telegraf", "week")).isEmpty();
        assertThat(catalog.retentionPolicy("other", "keep")).isPresent();
    }

    @Test
    void policies_of_an_earlier_incarnation_are_not_recreated() {
        accept(CREATE_DB);
        accept(CREATE_WEEK + " DEFAULT");
        accept("DROP RETENTION POLICY autogen ON telegraf");
        accept("DROP DATABASE telegraf");
        accept(CREATE_DB);

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB);
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.defaultRp()).isEqualTo("autogen"));
        assertThat(accept(CREATE_WEEK)).containsExactly(policy("week", CREATE_WEEK));
    }

    @Test
    void create_retention_policy_records_its_statement_in_the_current_incarnation() {
        accept(CREATE_DB);

        assertThat(accept(CREATE_WEEK)).containsExactly(policy("week", CREATE_WEEK));
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.defaultRp()).isEqualTo("autogen"));
    }

    @Test
    void a_policy_on_a_database_the_catalog_lacks_belongs_to_no_incarnation() {
        String s = "CREATE RETENTION POLICY week ON nodb DURATION 7d REPLICATION 1 DEFAULT";

        assertThat(accept(s)).containsExactly(CatalogEntry.retentionPolicy("nodb", "week", List.of(s), ""));
        assertThat(catalog.knows("nodb")).isFalse();
        assertThat(accept("DROP RETENTION POLICY week ON nodb")).containsExactly(CatalogEntry.droppedRetentionPolicy("nodb", "week", ""));
    }

    @Test
    void create_retention_policy_default_updates_the_database_default() {
        accept(CREATE_DB);
        String s = CREATE_WEEK + " SHARD DURATION 1d default";

        assertThat(accept(s)).containsExactly(policy("week", s), database("telegraf", CREATE_DB, "autogen").withDefaultRp("week"));
        assertThat(catalog.hasRetentionPolicy("telegraf", "autogen")).as("the policy CREATE DATABASE made stays").isTrue();
    }

    @Test
    void create_of_an_existing_policy_changes_nothing() {
        accept(CREATE_DB);
        accept(CREATE_WEEK);

        assertThat(accept(CREATE_WEEK)).isEmpty();
    }

    @Test
    void alter_retention_policy_appends_to_its_statements() {
        accept(CREATE_DB);
        accept(CREATE_WEEK);
        String alter = "ALTER RETENTION POLICY week ON telegraf DURATION 14d";

        assertThat(accept(alter)).containsExactly(policy("week", CREATE_WEEK, alter));
        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_WEEK, alter);
    }

    @Test
    void alter_retention_policy_default_also_updates_the_database_default() {
        accept(CREATE_DB);
        accept(CREATE_WEEK);
        String alter = "ALTER RETENTION POLICY \"week\" ON \"telegraf\" DEFAULT";

        assertThat(accept(alter)).containsExactly(policy("week", CREATE_WEEK, alter), database("telegraf", CREATE_DB, "autogen").withDefaultRp("week"));
    }

    @Test
    void alter_of_the_policy_create_database_made_records_the_alter_alone() {
        accept(CREATE_DB);
        String alter = "ALTER RETENTION POLICY autogen ON telegraf DURATION 90d";

        assertThat(accept(alter)).containsExactly(policy("autogen", alter));
    }

    @Test
    void a_dropped_autogen_is_recreated_as_a_drop() {
        accept(CREATE_DB);
        accept(CREATE_WEEK + " DEFAULT");

        assertThat(accept("DROP RETENTION POLICY autogen ON telegraf"))
                .containsExactly(CatalogEntry.droppedRetentionPolicy("telegraf", "autogen", incarnation("telegraf"), incarnation("telegraf")));
        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, CREATE_WEEK + " DEFAULT",
                "DROP RETENTION POLICY \"autogen\" ON \"telegraf\"", "ALTER RETENTION POLICY \"week\" ON \"telegraf\" DEFAULT");
    }

    @Test
    void a_policy_created_again_after_its_drop_is_recreated_after_dropping_what_create_database_made() {
        accept(CREATE_DB);
        accept("DROP RETENTION POLICY autogen ON telegraf");
        String again = "CREATE RETENTION POLICY autogen ON telegraf DURATION 30d REPLICATION 1";

        accept(again);

        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB,
                "DROP RETENTION POLICY \"autogen\" ON \"telegraf\"", again, "ALTER RETENTION POLICY \"autogen\" ON \"telegraf\" DEFAULT");
    }

    @Test
    void alter_of_a_dropped_policy_changes_nothing_as_the_backends_refuse_it() {
        accept(CREATE_DB);
        accept(CREATE_WEEK + " DEFAULT");
        accept("DROP RETENTION POLICY autogen ON telegraf");

        assertThat(accept("ALTER RETENTION POLICY autogen ON telegraf DURATION 90d DEFAULT")).isEmpty();
        assertThat(catalog.recreate("telegraf")).contains("DROP RETENTION POLICY \"autogen\" ON \"telegraf\"")
                .noneMatch(st -> st.startsWith("ALTER RETENTION POLICY autogen"));
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.defaultRp()).isEqualTo("week"));
    }

    /** InfluxDB 1.8 keeps the default name when that policy is dropped: a policy created again under it is the default. */
    @Test
    void drop_of_the_default_policy_keeps_the_default_name() {
        accept(CREATE_DB);
        accept(CREATE_WEEK + " DEFAULT");

        String week = catalog.policyIncarnation("telegraf", "week");
        assertThat(accept("DROP RETENTION POLICY week ON telegraf"))
                .containsExactly(CatalogEntry.droppedRetentionPolicy("telegraf", "week", incarnation("telegraf"), week));
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.defaultRp()).isEqualTo("week"));
        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, "DROP RETENTION POLICY \"week\" ON \"telegraf\"");

        String again = "CREATE RETENTION POLICY week ON telegraf DURATION 3d REPLICATION 1";
        String drop = "DROP RETENTION POLICY \"week\" ON \"telegraf\""; // harmless when absent (1.8 returns nil)
        assertThat(accept(again)).containsExactly(policy("week", drop, again));
        assertThat(catalog.recreate("telegraf")).containsExactly(CREATE_DB, drop, again, "ALTER RETENTION POLICY \"week\" ON \"telegraf\" DEFAULT");
    }

    @Test
    void drop_retention_policy_keeps_another_default() {
        accept(CREATE_DB);
        accept(CREATE_WEEK);

        String week = catalog.policyIncarnation("telegraf", "week");
        assertThat(accept("DROP RETENTION POLICY week ON telegraf"))
                .containsExactly(CatalogEntry.droppedRetentionPolicy("telegraf", "week", incarnation("telegraf"), week));
        assertThat(catalog.database("telegraf")).hasValueSatisfying(d -> assertThat(d.defaultRp()).isEqualTo("autogen"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DROP MEASUREMENT cpu",
        "DROP SERIES FROM cpu WHERE host = 'a'",
        "DELETE FROM cpu WHERE time < now() - 1d",
        "SELECT * FROM telegraf.autogen.cpu",
        "SHOW DATABASES",
        "GRANT ALL ON telegraf TO bob"
    })
    void statements_that_change_no_definition_change_nothing(String statement) {
        accept(CREATE_DB);

        assertThat(changes(statement)).isEmpty();
    }
}
