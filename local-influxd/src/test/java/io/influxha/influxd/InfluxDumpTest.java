package io.influxha.influxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfluxDumpTest {

    @Test
    void prints_one_sorted_line_per_point_with_sorted_tags_and_fields() throws Exception {
        String json = """
                {"results":[{"statement_id":0,"series":[
                  {"name":"cpu","tags":{"region":"eu","host":"b"},"columns":["time","usage","idle"],
                   "values":[[2000,2.5,null],[1000,1,0.10]]},
                  {"name":"cpu","tags":{"region":"","host":"a"},"columns":["time","usage","idle"],
                   "values":[[1000,null,3]]}]}]}
                """;

        assertThat(InfluxDump.lines(InfluxDump.JSON.readTree(json))).containsExactly(
                "cpu,host=a idle=3 1000",
                "cpu,host=b,region=eu idle=0.1,usage=1 1000",
                "cpu,host=b,region=eu usage=2.5 2000");
    }

    @Test
    void escapes_names_tags_and_string_fields_as_line_protocol_does() throws Exception {
        String json = """
                {"results":[{"series":[{"name":"my m,x","tags":{"k=1":"a b"},"columns":["time","s","ok"],
                  "values":[[5,"say \\"hi\\" \\\\",true]]}]}]}
                """;

        assertThat(InfluxDump.lines(InfluxDump.JSON.readTree(json)))
                .containsExactly("my\\ m\\,x,k\\=1=a\\ b ok=true,s=\"say \\\"hi\\\" \\\\\" 5");
    }

    @Test
    void keeps_large_integers_and_small_floats_exact() throws Exception {
        String json = """
                {"results":[{"series":[{"name":"m","columns":["time","big","tiny"],
                  "values":[[1,9223372036854775807,1.0E-7]]}]}]}
                """;

        assertThat(InfluxDump.lines(InfluxDump.JSON.readTree(json)))
                .containsExactly("m big=9223372036854775807,tiny=0.0000001 1");
    }

    @Test
    void an_empty_database_dumps_no_line() throws Exception {
        assertThat(InfluxDump.lines(InfluxDump.JSON.readTree("{\"results\":[{\"statement_id\":0}]}"))).isEmpty();
    }

    @Test
    void a_statement_error_becomes_an_exception_with_influxd_message() throws Exception {
        assertThatThrownBy(() -> InfluxDump.lines(InfluxDump.JSON.readTree(
                "{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database not found: x");
    }
}
