package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.RecordHeaders;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryEndpointTest {
    private final TestGateway gw = new TestGateway();

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> postForm(String q) {
        return gw.send(HttpRequest.newBuilder(gw.uri("/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))));
    }

    @Test
    void create_database_is_published_as_ddl_record_and_answers_like_influxdb() {
        HttpResponse<String> r = postForm("CREATE DATABASE telegraf");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
        assertThat(gw.publisher.sent).singleElement().satisfies(rec -> {
            assertThat(rec.key()).isEqualTo("telegraf");
            assertThat(rec.db()).isEqualTo("telegraf");
            assertThat(rec.kind()).isEqualTo(RecordHeaders.KIND_DDL);
            assertThat(TestGateway.utf8(rec.value())).isEqualTo("CREATE DATABASE telegraf");
        });
    }

    @Test
    void q_in_the_url_of_a_post_works_too() {
        HttpResponse<String> r = gw.post("/query?q=" + URLEncoder.encode("create database \"my db\"", StandardCharsets.UTF_8), "");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(gw.publisher.sent).extracting(IngestRecord::db).containsExactly("my db");
    }

    @Test
    void several_statements_are_split_outside_quotes_and_each_published() {
        HttpResponse<String> r = postForm("CREATE DATABASE \"a;b\"; CREATE RETENTION POLICY \"week\" ON a_b DURATION 7d REPLICATION 1;");

        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0},{\"statement_id\":1}]}\n");
        assertThat(gw.publisher.sent).extracting(IngestRecord::db).containsExactly("a;b", "a_b");
        assertThat(TestGateway.utf8(gw.publisher.sent.get(1).value()))
                .isEqualTo("CREATE RETENTION POLICY \"week\" ON a_b DURATION 7d REPLICATION 1");
    }

    @Test
    void create_database_over_get_runs_with_1_8_read_only_warning() {
        HttpResponse<String> r = gw.get("/query?q=" + URLEncoder.encode("CREATE DATABASE x", StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"messages\":[{\"level\":\"warning\",\"text\":"
                + "\"deprecated use of 'CREATE DATABASE x' in a read only context, please use a POST request instead\"}]}]}\n");
        assertThat(gw.publisher.sent).hasSize(1);
    }

    @Test
    void a_read_without_any_shard_answers_a_statement_error_and_later_ones_are_not_executed() {
        HttpResponse<String> r = postForm("SHOW DATABASES; CREATE DATABASE late");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0,\"error\":\"influx-ha: no shard is configured\"},"
                + "{\"statement_id\":1,\"error\":\"not executed\"}]}\n");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void missing_q_is_400_as_1_8() {
        HttpResponse<String> r = gw.get("/query?db=x");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"missing required parameter \\\"q\\\"\"}\n");
    }

    @Test
    void unknown_statement_is_a_parse_error_and_nothing_runs() {
        HttpResponse<String> r = postForm("CREATE DATABASE ok; FOO");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"error parsing query: found FOO, expected SELECT, DELETE, SHOW, CREATE, "
                + "DROP, EXPLAIN, GRANT, REVOKE, ALTER, SET, KILL at line 1, char 21\"}\n");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void ddl_not_acknowledged_by_kafka_is_503() {
        gw.publisher.acks = rec -> CompletableFuture.failedFuture(new IllegalStateException("down"));

        HttpResponse<String> r = postForm("CREATE DATABASE x");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
    }
}
