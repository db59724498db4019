package io.influxha.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DdlKindsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "DROP DATABASE telegraf",
        "drop measurement cpu",
        "Drop Retention Policy week ON telegraf",
        "DELETE FROM cpu WHERE time < now() - 1d",
        "delete where host = 'a'",
        "ALTER RETENTION POLICY week ON telegraf DURATION 14d",
        "   \t\n ALTER RETENTION POLICY week ON telegraf DEFAULT",
        "-- clean up\nDROP SERIES FROM cpu",
        "-- one\n  -- two\n\tDELETE FROM cpu",
        "/* clean up */ DROP SHARD 3",
        "/* multi\nline */\n/**/alter retention policy r on d duration 1h",
        " /* a */ -- b\n /* c */drop database x",
        "DROP\"x\""
    })
    void drop_delete_and_alter_need_a_barrier(String statement) {
        assertThat(DdlKinds.needsBarrier(statement)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE DATABASE telegraf",
        "create retention policy week on telegraf duration 7d replication 1",
        "SELECT * FROM cpu",
        "SHOW DATABASES",
        "  -- DROP DATABASE telegraf\nSHOW MEASUREMENTS",
        "/* DELETE FROM cpu */ SELECT 1",
        "DROPPED",
        "ALTERNATE",
        "-- DROP everything",
        "/* DROP unterminated",
        "",
        "   "
    })
    void create_select_show_and_comments_need_none(String statement) {
        assertThat(DdlKinds.needsBarrier(statement)).isFalse();
    }
}
