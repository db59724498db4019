package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.FakeInflux;
import io.influxha.gateway.query.TestRouters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers the gateway merges across shards, through HTTP over fake backends: shard "hot" (cpu) on
 * a, default shard "rest" on c. Streamed reads, what the client gets when one breaks off, and the
 * max_merge_size budget of lists.
 */
class MergedAnswersTest {
    private static final String CPU = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"time\",\"v\"],"
            + "\"values\":[[1,0.5]]}]}]}\n";
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux c = new FakeInflux("c");
    private final TestRouters routers = new TestRouters(List.of(a.settings(), c.settings()),
            List.of(new ShardSettings("hot", List.of("a"), List.of("cpu")), new ShardSettings("rest", List.of("c"), List.of("*"))), 10);
    private final Gateway gateway = Gateway.start(new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20),
            Duration.ofSeconds(5)), new FakePublisher(), new MemoryBudget(1 << 24), routers.router);

    @AfterEach
    void stop() {
        gateway.close();
        a.close();
        c.close();
    }

    private HttpResponse<String> get(String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/query?" + query))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return TestGateway.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A first piece of mem, then an answer that breaks off inside the next one. */
    private void cBreaksOff() {
        c.answer = q -> "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"mem\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[1,2]]}],\"partial\":true}]}\n{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"mem2\",\"val";
    }

    @Test
    void pretty_merged_answers_use_gos_four_space_indent() throws Exception {
        a.answer = q -> CPU;
        c.answer = q -> "{\"results\":[{\"statement_id\":0}]}\n";

        HttpResponse<String> r = get(q("SELECT v FROM cpu, mem") + "&pretty=true");

        assertThat(r.body()).isEqualTo("""
                {
                    "results": [
                        {
                            "statement_id": 0,
                            "series": [
                                {
                                    "name": "cpu",
                                    "columns": [
                                        "time",
                                        "v"
                                    ],
                                    "values": [
                                        [
                                            1,
                                            0.5
                                        ]
                                    ]
                                }
                            ]
                        }
                    ]
                }
                """);
    }

    @Test
    void a_backend_refusing_a_merged_read_answers_its_status_when_nothing_was_written() throws Exception {
        a.answer = q -> CPU;
        c.queryStatus = 401;
        c.answer = q -> "{\"error\":\"authorization failed\"}\n";

        HttpResponse<String> r = get(q("SHOW TAG KEYS FROM cpu; SELECT v FROM cpu, mem"));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":\"authorization failed\"}\n");
    }

    @Test
    void a_merged_read_breaking_off_mid_answer_ends_a_chunked_answer_with_an_error_chunk() throws Exception {
        a.answer = q -> CPU;
        cBreaksOff();

        HttpResponse<String> r = get(q("SELECT v FROM /.*/; SHOW MEASUREMENTS") + "&chunked=true");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().lines()).hasSize(4);
        assertThat(r.body().lines().toList().get(2))
                .startsWith("{\"results\":[{\"statement_id\":0,\"error\":\"influx-ha: backend c sent an unreadable answer: ");
        assertThat(r.body().lines().toList().get(3)).isEqualTo("{\"results\":[{\"statement_id\":1,\"error\":\"not executed\"}]}");
    }

    @Test
    void a_merged_read_breaking_off_mid_answer_cuts_a_json_answer_so_the_client_cannot_take_it_for_whole() {
        a.answer = q -> CPU;
        cBreaksOff();

        assertThatThrownBy(() -> get(q("SELECT v FROM /.*/"))).isInstanceOf(IOException.class);
    }

    @Test
    void a_list_larger_than_max_merge_size_is_the_statements_error_and_later_requests_are_answered() throws Exception {
        routers.maxMergeSize(DataSize.ofBytes(1024));
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            keys.append(i == 0 ? "" : ",").append("[\"cpu,host=h").append(i).append("\"]");
        }
        a.answer = q -> "{\"results\":[{\"statement_id\":0,\"series\":[{\"columns\":[\"key\"],\"values\":[" + keys + "]}]}]}\n";
        c.answer = q -> "{\"results\":[{\"statement_id\":0}]}\n";

        HttpResponse<String> r = get(q("SHOW SERIES; SHOW MEASUREMENTS"));
        HttpResponse<String> after = get(q("SELECT v FROM cpu"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"influx-ha: the merged answer of this statement is "
                + "larger than gateway.max_merge_size (1KiB): narrow it (LIMIT, a WHERE on time, fewer measurements) or raise the "
                + "setting\"},{\"statement_id\":1,\"error\":\"not executed\"}]}\n");
        assertThat(c.requests).as("no shard is asked past the budget").isEmpty();
        assertThat(after.body()).as("the next request is answered").contains("cpu,host=h199");
    }
}
