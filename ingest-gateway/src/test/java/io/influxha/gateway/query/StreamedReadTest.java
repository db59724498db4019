package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.ShardSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SELECT over two shards merged while it streams, over fake backends answering in pieces: shard
 * "odd" (b_m, d_m) on a, default shard "even" on c, so that the merged answer interleaves them.
 */
class StreamedReadTest {
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux c = new FakeInflux("c");
    private final QueryRouter router = new TestRouters(List.of(a.settings(), c.settings()),
            List.of(new ShardSettings("odd", List.of("a"), List.of("b_m", "d_m")),
                    new ShardSettings("even", List.of("c"), List.of("*"))), 10).router;

    @AfterEach
    void stop() {
        a.close();
        c.close();
    }

    /** One chunk of a chunked answer: a piece of series {@code name} with InfluxDB's flags. */
    private static String piece(String name, String rows, boolean seriesGoesOn, boolean moreChunks) {
        return "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"" + name + "\",\"columns\":[\"time\",\"v\"],\"values\":"
                + rows + (seriesGoesOn ? ",\"partial\":true" : "") + "}]" + (moreChunks ? ",\"partial\":true" : "") + "}]}\n";
    }

    private StreamedRead read(String q) {
        return router.read(Analyzed.one(q), Map.of("db", "x"), Map.of(), 0, 2);
    }

    private void twoShardsInPieces() {
        a.answer = q -> piece("b_m", "[[1,1],[2,2]]", true, true) + piece("b_m", "[[3,3]]", false, true)
                + piece("d_m", "[[1,4]]", false, false);
        c.answer = q -> piece("a_m", "[[1,5]]", false, true) + piece("c_m", "[[1,6],[2,7]]", true, true)
                + piece("c_m", "[[3,8]]", false, false);
    }

    @Test
    void series_of_two_shards_interleave_by_measurement_and_pieces_of_a_series_stay_one_series() {
        twoShardsInPieces();

        String answer = Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.JSON);

        assertThat(answer).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":["
                + "{\"name\":\"a_m\",\"columns\":[\"time\",\"v\"],\"values\":[[1,5]]},"
                + "{\"name\":\"b_m\",\"columns\":[\"time\",\"v\"],\"values\":[[1,1],[2,2],[3,3]]},"
                + "{\"name\":\"c_m\",\"columns\":[\"time\",\"v\"],\"values\":[[1,6],[2,7],[3,8]]},"
                + "{\"name\":\"d_m\",\"columns\":[\"time\",\"v\"],\"values\":[[1,4]]}]}]}\n");
        assertThat(a.requests.get(0).form()).containsEntry("chunked", "true").containsEntry("chunk_size", "2")
                .containsEntry("q", "SELECT v FROM /_m$/").containsEntry("db", "x");
    }

    @Test
    void chunked_answers_have_a_chunk_per_piece_with_influxdbs_partial_flags() {
        twoShardsInPieces();

        String answer = Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.CHUNKED);

        assertThat(answer.lines()).containsExactly(
                piece("a_m", "[[1,5]]", false, true).strip(),
                piece("b_m", "[[1,1],[2,2]]", true, true).strip(),
                piece("b_m", "[[3,3]]", false, true).strip(),
                piece("c_m", "[[1,6],[2,7]]", true, true).strip(),
                piece("c_m", "[[3,8]]", false, true).strip(),
                piece("d_m", "[[1,4]]", false, false).strip());
    }

    @Test
    void csv_answers_list_rows_under_one_header_while_the_columns_stay_the_same() {
        a.answer = q -> piece("b_m", "[[1,1]]", false, false);
        c.answer = q -> piece("a_m", "[[1,5.25]]", false, true) + "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"c_m\","
                + "\"tags\":{\"host\":\"h 1\"},\"columns\":[\"time\",\"u\"],\"values\":[[2,\"x,y\"]]}]}]}\n";

        String answer = Rendered.streamed(read("SELECT * FROM /_m$/"), Rendered.CSV);

        assertThat(answer).isEqualTo("name,tags,time,v\na_m,,1,5.25\nb_m,,1,1\n\nname,tags,time,u\nc_m,host=h\\ 1,2,\"x,y\"\n");
    }

    @Test
    void order_by_time_desc_merges_measurements_in_descending_order() {
        a.answer = q -> piece("d_m", "[[1,4]]", false, true) + piece("b_m", "[[1,1]]", false, false);
        c.answer = q -> piece("c_m", "[[1,6]]", false, true) + piece("a_m", "[[1,5]]", false, false);

        String answer = Rendered.streamed(read("SELECT v FROM /_m$/ ORDER BY time DESC"), Rendered.CHUNKED);

        assertThat(answer.lines()).extracting(line -> line.substring(line.indexOf("\"name\":") + 8, line.indexOf("\"name\":") + 11))
                .containsExactly("d_m", "c_m", "b_m", "a_m");
    }

    @Test
    void measurement_names_compare_by_code_point_as_go_compares_strings() {
        assertThat(SeriesMerge.compareCodePoints("\uFFFF", "\uD83D\uDE00")).isNegative(); // U+FFFF before U+1F600
        assertThat("\uFFFF".compareTo("\uD83D\uDE00")).as("UTF-16 order differs").isPositive();
        assertThat(SeriesMerge.compareCodePoints("cpu", "cpu_x")).isNegative();
        assertThat(SeriesMerge.compareCodePoints("mem", "mem")).isZero();
    }

    @Test
    void nothing_found_anywhere_is_an_empty_result() {
        c.answer = q -> "{\"results\":[{\"statement_id\":0}]}\n";

        assertThat(Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.JSON)).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
        assertThat(Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.CHUNKED)).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
    }

    @Test
    void an_error_before_any_piece_is_the_statement_error_with_nothing_written() {
        twoShardsInPieces();
        c.answer = q -> "{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}\n";

        StreamedRead r = read("SELECT v FROM /_m$/");

        assertThat(r.error()).isEqualTo("database not found: x");
        assertThat(r.backendHeader()).isEqualTo("a,c");
    }

    @Test
    void a_backend_refusing_the_read_passes_its_status_before_anything_is_written() {
        c.queryStatus = 401;
        c.answer = q -> "{\"error\":\"authorization failed\"}\n";

        assertThatThrownBy(() -> read("SELECT v FROM /_m$/")).isInstanceOfSatisfying(BackendRefusedException.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void a_backend_breaking_off_mid_answer_ends_a_chunked_answer_with_an_error_chunk() {
        a.answer = q -> piece("b_m", "[[1,1]]", false, false);
        c.answer = q -> piece("a_m", "[[1,5]]", false, true) + "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"c_m\","
                + "\"columns\":[\"time\",\"v\"],\"values\":[[1,6],[2";

        String answer = Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.CHUNKED);

        assertThat(answer.lines()).hasSize(4).startsWith(piece("a_m", "[[1,5]]", false, true).strip(),
                piece("b_m", "[[1,1]]", false, true).strip(),
                "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"c_m\",\"columns\":[\"time\",\"v\"],\"values\":[[1,6]],"
                        + "\"partial\":true}],\"partial\":true}]}");
        assertThat(answer.lines().toList().get(3))
                .startsWith("{\"results\":[{\"statement_id\":0,\"error\":\"influx-ha: backend c sent an unreadable answer: ");
    }

    @Test
    void a_backend_breaking_off_mid_answer_cuts_a_json_or_csv_answer() {
        a.answer = q -> piece("b_m", "[[1,1]]", false, false);
        c.answer = q -> piece("a_m", "[[1,5]]", false, true) + "{\"results\":[{\"statement_id\":0,\"error\":\"query interrupted\"}]}\n";

        assertThat(Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.JSON)).endsWith("<cut: query interrupted>");
        assertThat(Rendered.streamed(read("SELECT v FROM /_m$/"), Rendered.CSV)).isEqualTo("name,tags,time,v\na_m,,1,5\n"
                + "<cut: query interrupted>");
    }

    @Test
    void the_clients_chunk_size_is_what_backends_are_asked_up_to_influxdbs_default() {
        assertThat(ResultWriter.Format.of(null, "true", "5", null).chunkSize()).isEqualTo(5);
        assertThat(ResultWriter.Format.of(null, "true", "50000", null).chunkSize()).isEqualTo(10_000);
        assertThat(ResultWriter.Format.of(null, "true", "0", null).chunkSize()).isEqualTo(10_000);
        assertThat(ResultWriter.Format.of(null, null, "x", null).chunkSize()).isEqualTo(10_000);
    }
}
