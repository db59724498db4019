package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.DataSize;
import io.influxha.core.config.ShardSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Statements merged whole over fake backends: shard "hot" (cpu) on a, default shard "rest" on c. */
class WholeReadTest {
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux c = new FakeInflux("c");
    private final TestRouters routers = new TestRouters(List.of(a.settings(), c.settings()),
            List.of(new ShardSettings("hot", List.of("a"), List.of("cpu")), new ShardSettings("rest", List.of("c"), List.of("*"))), 10);

    @AfterEach
    void stop() {
        a.close();
        c.close();
    }

    private static String names(String column, List<String> names) {
        StringBuilder values = new StringBuilder();
        names.forEach(n -> values.append(values.isEmpty() ? "" : ",").append("[\"").append(n).append("\"]"));
        return FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"measurements\",\"columns\":[\"" + column + "\"],"
                + "\"values\":[" + values + "]}]}");
    }

    @Test
    void a_list_past_max_merge_size_stops_reading_and_is_the_statement_error() {
        routers.maxMergeSize(DataSize.ofBytes(10_000));
        String big = names("key", java.util.stream.IntStream.range(0, 50_000).mapToObj(i -> "cpu,host=h" + i).toList());
        a.answer = q -> big;

        MergedResult r = routers.router.run(Analyzed.one("SHOW SERIES"), Map.of(), Map.of()).result();

        assertThat(r.error()).isEqualTo("influx-ha: the merged answer of this statement is larger than gateway.max_merge_size "
                + "(10KB): narrow it (LIMIT, a WHERE on time, fewer measurements) or raise the setting");
        assertThat(r.bytesRead()).as("reading stopped at the limit, not at the end of %d bytes", big.length())
                .isBetween(10_001L, 10_000L + 64 * 1024);
        assertThat(c.requests).as("no further shard is asked").isEmpty();
    }

    @Test
    void names_are_taken_from_their_own_shard_once_each_in_gos_byte_order_then_paged() {
        a.answer = q -> names("name", List.of("cpu", "cpu_x")); // cpu_x is rest's: a's copy is dropped
        c.answer = q -> names("name", List.of("Mem", "cpu", "cpu\uD83D\uDE00", "cpu\uFFFF", "cpu_x", "disk"));

        MergedResult r = routers.router.run(Analyzed.one("SHOW MEASUREMENTS OFFSET 1"), Map.of(), Map.of()).result();

        assertThat(Rendered.merged(r, Rendered.CSV)).isEqualTo("name,tags,name\nmeasurements,,cpu\nmeasurements,,cpu_x\n"
                + "measurements,,cpu\uFFFF\nmeasurements,,cpu\uD83D\uDE00\nmeasurements,,disk\n");
    }

    @Test
    void show_tag_keys_slimit_pages_series_even_when_one_is_left() {
        a.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"tagKey\"],"
                + "\"values\":[[\"host\"],[\"region\"]]}]}");
        c.answer = q -> FakeInflux.results("{\"statement_id\":0}");

        MergedResult r = routers.router.run(Analyzed.one("SHOW TAG KEYS SLIMIT 1"), Map.of(), Map.of()).result();

        assertThat(r.toString()).isEqualTo("{\"series\":[{\"name\":\"cpu\",\"columns\":[\"tagKey\"],\"values\":[[\"host\"],[\"region\"]]}]}");
    }

    @Test
    void an_answer_that_is_not_influxdbs_json_is_the_statement_error() {
        a.answer = q -> "<html>proxy error</html>";

        MergedResult r = routers.router.run(Analyzed.one("SHOW MEASUREMENTS"), Map.of(), Map.of()).result();

        assertThat(r.error()).startsWith("influx-ha: backend a sent an unreadable answer: Unexpected character ('<'");
    }
}
