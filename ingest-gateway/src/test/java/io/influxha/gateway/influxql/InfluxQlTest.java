package io.influxha.gateway.influxql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the gateway keeps of each statement to forward it: its extent, bound values written in, now() fixed, paging taken out. */
class InfluxQlTest {

    private static List<ParsedStatement> parse(String q) {
        return InfluxQl.parse(q, Map.of());
    }

    private static List<String> texts(String q) {
        return parse(q).stream().map(ParsedStatement::text).toList();
    }

    @Test
    void a_regex_holding_a_line_comment_ends_where_influxql_ends_it_and_the_next_statement_stands_alone() {
        assertThat(texts("SELECT * FROM /a--/; DROP DATABASE victim")).containsExactly("SELECT * FROM /a--/", "DROP DATABASE victim");
        assertThat(texts("SELECT * FROM m WHERE h =~ /it's/; DROP DATABASE v -- '/"))
                .containsExactly("SELECT * FROM m WHERE h =~ /it's/", "DROP DATABASE v");
    }

    @Test
    void comments_around_statements_are_not_forwarded_and_comments_inside_stay_closed() {
        assertThat(texts("-- first\nSELECT v /* 1 */ FROM m -- tail\n; /* between */ SHOW DATABASES /* end */"))
                .containsExactly("SELECT v /* 1 */ FROM m", "SHOW DATABASES");
    }

    @Test
    void a_nul_at_the_top_level_ends_the_query_and_after_an_identifier_is_nothing_as_in_influxql() {
        assertThat(texts("SHOW USERS;\u0000SHOW DATABASES")).containsExactly("SHOW USERS");
        assertThat(parse("SELECT * FROM m\u0000; DROP DATABASE x")).hasSize(2);
        assertThat(parse("SELECT * FROM cpu\u0000mem").get(0).statement()).isEqualTo(parse("SELECT * FROM cpumem").get(0).statement());
    }

    @Test
    void joined_statements_read_back_as_the_same_statements() {
        String q = "SELECT * FROM \"a;b\" WHERE x = 'c;d' -- ;\n;SELECT * FROM /e;f/ ; SHOW TAG VALUES WITH KEY =~ /g;h/";
        List<ParsedStatement> parsed = parse(q);
        String joined = String.join(";\n", parsed.stream().map(ParsedStatement::text).toList());

        assertThat(parse(joined)).extracting(ParsedStatement::statement)
                .containsExactlyElementsOf(parsed.stream().map(ParsedStatement::statement).toList());
    }

    @Test
    void bound_parameters_are_written_into_the_text_as_literals() {
        Map<String, Params.Value> params = Params.decode("{\"m\":{\"identifier\":\"my cpu\"},\"h\":\"it's\",\"n\":5,"
                + "\"r\":{\"regex\":\"a/b\"},\"x\":-1.5,\"d\":{\"duration\":\"1h\"},\"t\":true}");
        ParsedStatement p = InfluxQl.parse("SELECT v - $x FROM $m WHERE h = $h AND k =~ $r AND b = $t AND time > now() - $d LIMIT $n",
                params).get(0);

        assertThat(p.text()).isEqualTo("SELECT v - -1.5 FROM \"my cpu\" WHERE h = 'it\\'s' AND k =~ /a\\/b/ AND b = true "
                + "AND time > now() - 1h LIMIT 5");
        assertThat(StatementPrinter.print(p.statement()))
                .isEqualTo("SELECT v - -1.500 FROM \"my cpu\" WHERE h = 'it\\'s' AND k =~ /a\\/b/ AND b = true AND time > now() - 1h LIMIT 5");
    }

    @Test
    void a_bound_value_that_cannot_be_written_as_text_is_refused() {
        Map<String, Params.Value> params = Params.decode("{\"r\":{\"regex\":\"a\\nb\"}}");

        assertThatThrownBy(() -> InfluxQl.parse("SELECT * FROM m WHERE k =~ $r", params))
                .isInstanceOf(InfluxQl.UnboundException.class)
                .hasMessageStartingWith("influx-ha: the bound parameters of 'SELECT * FROM m WHERE k =~ /a\nb/' cannot be written");
    }

    @Test
    void now_is_fixed_at_the_time_given_as_influxql_prints_a_time() {
        ParsedStatement p = parse("DELETE FROM cpu WHERE time < now() - 1h AND time > NOW()").get(0);

        assertThat(p.rewrite(Instant.parse("2026-12-06T17:00:00.120Z"), Set.of()))
                .isEqualTo("DELETE FROM cpu WHERE time < '2026-12-06T17:00:00.12Z' - 1h AND time > '2026-12-06T17:00:00.12Z'");
        assertThat(p.rewrite(Instant.parse("2026-12-06T17:00:00Z"), Set.of())).contains("'2026-12-06T17:00:00Z'");
    }

    @Test
    void top_level_paging_clauses_can_be_taken_out_but_not_a_subquerys() {
        ParsedStatement p = parse("SELECT * FROM (SELECT * FROM m LIMIT 3) LIMIT 2 OFFSET 1 SLIMIT 4").get(0);

        assertThat(p.rewrite(null, Set.of(Token.LIMIT, Token.OFFSET))).isEqualTo("SELECT * FROM (SELECT * FROM m LIMIT 3)   SLIMIT 4");
    }

    @Test
    void deep_nesting_is_refused_before_it_can_exhaust_the_stack() {
        String deep = "SELECT " + "(".repeat(5000) + "v" + ")".repeat(5000) + " FROM m";

        assertThatThrownBy(() -> parse(deep)).isInstanceOf(ParseException.class)
                .hasMessage("influx-ha: the query nests deeper than 256 levels of parentheses, calls and subqueries");
        assertThat(parse("SELECT " + "(".repeat(200) + "v" + ")".repeat(200) + " FROM m")).hasSize(1);
    }

    @Test
    void the_query_is_trimmed_as_go_trims_it_before_it_is_parsed() {
        assertThat(InfluxQl.parseRequest("\u00a0\u2028 SHOW DATABASES\u0085\t", null)).hasSize(1);
        assertThatThrownBy(() -> InfluxQl.parseRequest(" \n\u3000", null)).hasMessage("missing required parameter \"q\"");
        assertThatThrownBy(() -> InfluxQl.parseRequest("\ufeffSHOW DATABASES", null))
                .hasMessage("error parsing query: found \ufeff, expected SELECT, DELETE, SHOW, CREATE, DROP, EXPLAIN, GRANT, REVOKE, ALTER, "
                        + "SET, KILL at line 1, char 1");
    }

    @Test
    void params_are_refused_with_influxds_messages() {
        assertThatThrownBy(() -> InfluxQl.parseRequest("SELECT 1", "[1]"))
                .hasMessage("error parsing query parameters: json: cannot unmarshal array into Go value of type map[string]interface {}");
        assertThatThrownBy(() -> InfluxQl.parseRequest("SELECT 1", "{\"x\":1e5}"))
                .hasMessage("error parsing json value: strconv.ParseInt: parsing \"1e5\": invalid syntax");
        assertThatThrownBy(() -> InfluxQl.parseRequest("SELECT * FROM m WHERE v = $x", "{\"x\":null}"))
                .hasMessage("error parsing query: missing parameter: unable to bind parameter with type <nil>");
        assertThat(InfluxQl.parseRequest("SELECT * FROM m", "{\"x\":1} trailing")).hasSize(1);
    }
}
