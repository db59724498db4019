package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxQlStatementTest {

    private static List<InfluxQlStatement> parse(String q) {
        return StatementSplitter.split(q).stream().map(p -> InfluxQlStatement.parse(p, q)).toList();
    }

    @Test
    void splits_on_semicolons_outside_strings_identifiers_and_comments() {
        assertThat(StatementSplitter.split("SELECT 'a;b' FROM \"c;d\" -- x;y\n; SHOW DATABASES /* ; */;;"))
                .extracting(StatementSplitter.Piece::text)
                .containsExactly("SELECT 'a;b' FROM \"c;d\" -- x;y", "SHOW DATABASES /* ; */");
    }

    @Test
    void unterminated_string_is_a_syntax_error_with_position() {
        assertThatThrownBy(() -> StatementSplitter.split("SELECT 'abc"))
                .isInstanceOf(InfluxQlSyntaxException.class)
                .hasMessageContaining("at line 1, char 8");
    }

    @Test
    void create_database_with_bare_quoted_and_escaped_names() {
        assertThat(parse("CREATE DATABASE foo; create database \"my \\\"db\\\"\"; CREATE DATABASE x WITH DURATION 1d"))
                .extracting(InfluxQlStatement::database)
                .containsExactly("foo", "my \"db\"", "x");
    }

    @Test
    void create_retention_policy_names_the_database_after_on() {
        assertThat(parse("CREATE RETENTION POLICY \"one week\" ON \"tele graf\" DURATION 7d REPLICATION 1 DEFAULT"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.kind()).isEqualTo("CREATE RETENTION POLICY");
                    assertThat(s.database()).isEqualTo("tele graf");
                });
    }

    @Test
    void create_database_without_name_is_influxql_found_eof_error() {
        assertThatThrownBy(() -> parse("CREATE DATABASE"))
                .hasMessage("found EOF, expected identifier at line 1, char 17");
    }

    @Test
    void retention_policy_without_on_is_an_error_naming_on() {
        assertThatThrownBy(() -> parse("CREATE RETENTION POLICY p DURATION 1d"))
                .hasMessage("found DURATION, expected ON at line 1, char 27");
    }

    @Test
    void other_statements_are_classified_by_kind_without_database() {
        assertThat(parse("select * from cpu; SHOW MEASUREMENTS; DROP DATABASE x; CREATE USER u WITH PASSWORD 'p'"))
                .extracting(InfluxQlStatement::kind, InfluxQlStatement::isDdl)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SELECT", false),
                        org.assertj.core.groups.Tuple.tuple("SHOW MEASUREMENTS", false),
                        org.assertj.core.groups.Tuple.tuple("DROP DATABASE", false),
                        org.assertj.core.groups.Tuple.tuple("CREATE USER", false));
    }

    @Test
    void positions_count_lines() {
        assertThatThrownBy(() -> parse("SHOW DATABASES;\n  NOPE"))
                .hasMessageEndingWith("at line 2, char 3");
    }
}
