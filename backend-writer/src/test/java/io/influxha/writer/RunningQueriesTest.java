package io.influxha.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SHOW QUERIES as influxd 1.x answers it: a query of the same kind on the database is still running. */
class RunningQueriesTest {
    private static final String ANSWER = "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"qid\",\"query\",\"database\",\"duration\"],"
            + "\"values\":[[12,\"DELETE FROM cpu WHERE time < 1000\",\"telegraf\",\"4s\"],[13,\"SHOW QUERIES\",\"\",\"61µs\"]]}]}]}";

    @Test
    void a_running_statement_of_the_same_kind_on_the_database_is_found_with_its_qid() {
        assertThat(RunningQueries.sameKind(ANSWER, "telegraf", "delete  from \"cpu\"")).isEqualTo("qid 12: DELETE FROM cpu WHERE time < 1000");
    }

    @Test
    void another_kind_or_another_database_is_not_an_earlier_attempt() {
        assertThat(RunningQueries.sameKind(ANSWER, "telegraf", "DROP SERIES FROM cpu")).isNull();
        assertThat(RunningQueries.sameKind(ANSWER, "other", "DELETE FROM cpu")).isNull();
        assertThat(RunningQueries.sameKind("{\"results\":[{\"statement_id\":0}]}", "telegraf", "DELETE FROM cpu")).isNull();
    }

    @Test
    void comments_before_the_statement_do_not_change_its_kind() {
        assertThat(RunningQueries.kind("-- by influx-ha\n/* x */ drop measurement cpu")).isEqualTo("DROP MEASUREMENT");
    }

    @Test
    void an_answer_that_is_not_json_is_refused_naming_why() {
        assertThatThrownBy(() -> RunningQueries.sameKind("<html>bad gateway</html>", "db", "DELETE FROM cpu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHOW QUERIES answer is not JSON");
    }
}
