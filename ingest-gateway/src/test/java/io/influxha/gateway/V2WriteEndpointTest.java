package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v2/write} and {@code /health} as InfluxDB 1.8 serves them (1.6.7 has neither). */
class V2WriteEndpointTest {
    private final TestGateway gw = new TestGateway();

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> v2(String query, String body) {
        return gw.send(HttpRequest.newBuilder(gw.uri("/api/v2/write" + query))
                .header("Authorization", "Token user:secret")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void bucket_without_slash_is_the_database_with_its_default_retention_policy() {
        HttpResponse<String> r = v2("?org=ignored&bucket=telegraf", "cpu v=1 10");

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(gw.publisher.sent).singleElement().satisfies(rec -> {
            assertThat(rec.db()).isEqualTo("telegraf");
            assertThat(rec.rp()).isEmpty();
        });
        assertThat(gw.publisher.lines()).containsExactly("cpu v=1 10");
    }

    @Test
    void bucket_db_slash_rp_splits_at_the_first_slash() {
        assertThat(v2("?bucket=telegraf/week/x", "cpu v=1 10").statusCode()).isEqualTo(204);

        assertThat(gw.publisher.sent).singleElement().satisfies(rec -> {
            assertThat(rec.db()).isEqualTo("telegraf");
            assertThat(rec.rp()).isEqualTo("week/x");
        });
    }

    @Test
    void precision_takes_the_2x_unit_names() {
        v2("?bucket=d&precision=us", "m v=1 1700000000000001");
        v2("?bucket=d&precision=s", "m v=2 1700000000");

        assertThat(gw.publisher.lines()).containsExactly("m v=1 1700000000000001000", "m v=2 1700000000000000000");
    }

    @Test
    void a_1x_precision_name_is_400_with_the_2x_list() {
        HttpResponse<String> r = v2("?bucket=d&precision=u", "m v=1 1");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"invalid precision \\\"u\\\" (use ns, us, ms or s)\"}\n");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void missing_bucket_is_404_as_1_8_bucket2dbrp_answers() {
        HttpResponse<String> r = v2("?org=o", "m v=1 1");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo(
                "{\"error\":\"bucket name \\\"\\\" is missing a slash; not in \\\"database/retention-policy\\\" format\"}\n");
        assertThat(r.headers().firstValue("X-Influxdb-Error")).hasValue(
                "bucket name \"\" is missing a slash; not in \"database/retention-policy\" format");
    }

    @Test
    void bucket_with_an_empty_database_is_404() {
        HttpResponse<String> r = v2("?bucket=/week", "m v=1 1");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("bucket name \\\"/week\\\" is in db/rp form but has an empty database");
    }

    @Test
    void partial_write_and_gzip_behave_as_on_write() {
        HttpResponse<String> partial = v2("?bucket=d", "good v=1 1\nbad\n");
        HttpResponse<String> gzipped = gw.send(HttpRequest.newBuilder(gw.uri("/api/v2/write?bucket=d"))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestGateway.gzip("z v=3 3\n".getBytes()))));

        assertThat(partial.statusCode()).isEqualTo(400);
        assertThat(partial.body()).startsWith("{\"error\":\"partial write: unable to parse 'bad'");
        assertThat(gzipped.statusCode()).isEqualTo(204);
        assertThat(gw.publisher.lines()).containsExactly("good v=1 1", "z v=3 3");
    }

    @Test
    void get_on_v2_write_is_405_allowing_post() {
        HttpResponse<String> r = gw.get("/api/v2/write?bucket=d");

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void health_answers_200_with_1_8_body_and_version_headers_and_lists_the_gateway_role() {
        HttpResponse<String> r = gw.get("/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"checks\":[{\"message\":\"running\",\"name\":\"role gateway\",\"status\":\"pass\"}],\"message\":\"ready for queries and writes\",\"name\":\"influxdb\","
                + "\"status\":\"pass\",\"version\":\"1.8.10\"}");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(r.headers().firstValue("X-Influxdb-Version")).hasValue("1.8.10");
    }
}
