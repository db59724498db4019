package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading one backend's answer a series piece at a time, in both of InfluxDB's shapes. */
class BackendAnswerTest {
    private static BackendAnswer answer(String body) throws IOException {
        return new BackendAnswer("b", new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every piece as "name tags columns rows partial", rows read through the sink. */
    private static List<String> pieces(BackendAnswer a) throws IOException {
        List<String> pieces = new ArrayList<>();
        while (a.next()) {
            List<JsonNode> rows = new ArrayList<>();
            String head = a.name() + " " + a.tags() + " " + a.columns();
            a.rows(rows::add);
            pieces.add(head + " " + rows + " " + a.partial());
        }
        return pieces;
    }

    @Test
    void a_chunked_answer_gives_each_piece_with_its_partial_flag() throws IOException {
        BackendAnswer a = answer("""
                {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],"values":[[1,0.5],[2,1]],"partial":true}],"partial":true}]}
                {"results":[{"statement_id":0,"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","v"],"values":[[3,1.5]]}],"partial":true}]}
                {"results":[{"statement_id":0,"series":[{"name":"mem","columns":["time","u"],"values":[[1,7]]}]}]}
                """);

        assertThat(pieces(a)).containsExactly(
                "cpu {\"host\":\"a\"} [\"time\",\"v\"] [[1,0.5], [2,1]] true",
                "cpu {\"host\":\"a\"} [\"time\",\"v\"] [[3,1.5]] false",
                "mem null [\"time\",\"u\"] [[1,7]] false");
        assertThat(a.error()).isNull();
    }

    @Test
    void a_whole_answer_gives_each_series_as_one_piece() throws IOException {
        BackendAnswer a = answer("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"key\"],"
                + "\"values\":[[\"host\"]]},{\"name\":\"mem\",\"columns\":[\"key\"],\"values\":[[\"x\"],[\"y\"]]}],"
                + "\"messages\":[{\"level\":\"warning\",\"text\":\"deprecated\"}]}]}\n");

        assertThat(pieces(a)).containsExactly("cpu null [\"key\"] [[\"host\"]] false", "mem null [\"key\"] [[\"x\"], [\"y\"]] false");
        assertThat(a.messages()).extracting(m -> m.path("text").asText()).containsExactly("deprecated");
    }

    @Test
    void rows_not_read_are_skipped_by_next() throws IOException {
        BackendAnswer a = answer("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"values\":[[1,{\"x\":[2]}]],"
                + "\"partial\":true},{\"name\":\"mem\",\"values\":[[3]]}]}]}");

        assertThat(a.next()).isTrue();
        assertThat(a.next()).isTrue();
        assertThat(a.name()).isEqualTo("mem");
        assertThat(a.next()).isFalse();
    }

    @Test
    void statement_and_query_errors_are_kept_and_end_the_answer() throws IOException {
        BackendAnswer statement = answer("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}\n");
        BackendAnswer query = answer("{\"error\":\"timeout\"}\n");

        assertThat(statement.next()).isFalse();
        assertThat(statement.error()).isEqualTo("database not found: x");
        assertThat(query.next()).isFalse();
        assertThat(query.error()).isEqualTo("timeout");
    }

    @Test
    void an_empty_result_has_no_piece() throws IOException {
        BackendAnswer a = answer("{\"results\":[{\"statement_id\":0}]}\n");

        assertThat(a.next()).isFalse();
        assertThat(a.error()).isNull();
    }

    @Test
    void an_answer_that_breaks_off_inside_a_series_fails_the_read() throws IOException {
        BackendAnswer a = answer("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"values\":[[1,2],[3");

        assertThat(a.next()).isTrue();
        assertThatThrownBy(() -> a.rows(row -> {})).isInstanceOf(IOException.class);
    }
}
