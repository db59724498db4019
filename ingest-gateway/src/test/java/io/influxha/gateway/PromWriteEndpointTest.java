package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.gateway.PromRequests.Sample;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/prom/write}: InfluxDB 1.8's conversion of Prometheus remote write, then the /write path. */
class PromWriteEndpointTest {
    private final TestGateway gw = new TestGateway();

    @AfterEach
    void stop() {
        gw.close();
    }

    private HttpResponse<String> promWrite(String query, byte[] body) {
        return gw.send(HttpRequest.newBuilder(gw.uri("/api/v1/prom/write" + query))
                .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void name_is_the_measurement_every_label_a_tag_value_a_float_field_and_ms_become_ns() {
        byte[] body = new PromRequests()
                .series(labels("__name__", "http_requests_total", "job", "api", "instance", "127.0.0.1:9090"),
                        new Sample(1027, 1_700_000_000_123L), new Sample(1028.5, 1_700_000_015_123L))
                .snappy();

        HttpResponse<String> r = promWrite("?db=prom&rp=autogen", body);

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(gw.publisher.sent).singleElement().satisfies(rec -> {
            assertThat(rec.key()).isEqualTo("prom/autogen/http_requests_total");
            assertThat(rec.db()).isEqualTo("prom");
        });
        assertThat(gw.publisher.lines()).containsExactly(
                "http_requests_total,__name__=http_requests_total,instance=127.0.0.1:9090,job=api value=1027.0 1700000000123000000",
                "http_requests_total,__name__=http_requests_total,instance=127.0.0.1:9090,job=api value=1028.5 1700000015123000000");
    }

    @Test
    void nan_and_infinities_are_dropped_and_the_rest_is_written_with_204() {
        byte[] body = new PromRequests()
                .series(labels("__name__", "g"), new Sample(Double.NaN, 1), new Sample(Double.POSITIVE_INFINITY, 2),
                        new Sample(Double.NEGATIVE_INFINITY, 3), new Sample(-0.25, 4))
                .snappy();

        assertThat(promWrite("?db=prom", body).statusCode()).isEqualTo(204);
        assertThat(gw.publisher.lines()).containsExactly("g,__name__=g value=-0.25 4000000");
    }

    @Test
    void a_series_without_name_goes_to_prom_metric_not_specified_and_labels_are_escaped() {
        byte[] body = new PromRequests()
                .series(labels("path", "/a b,c=d", "empty", ""), new Sample(1, 5))
                .withMetadata()
                .snappy();

        assertThat(promWrite("?db=prom", body).statusCode()).isEqualTo(204);
        assertThat(gw.publisher.lines()).containsExactly("prom_metric_not_specified,path=/a\\ b\\,c\\=d value=1.0 5000000");
    }

    @Test
    void missing_db_is_400_database_is_required() {
        HttpResponse<String> r = promWrite("", new PromRequests().series(labels("__name__", "up"), new Sample(1, 1)).snappy());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"database is required\"}\n");
    }

    @Test
    void a_body_that_is_not_snappy_is_400_and_nothing_is_published() {
        HttpResponse<String> r = promWrite("?db=prom", "m v=1 1\n".getBytes());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"snappy: ");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void snappy_holding_an_invalid_protobuf_is_400_naming_proto() throws Exception {
        byte[] broken = new PromRequests().series(labels("__name__", "up"), new Sample(1, 1)).protobuf();
        byte[] truncated = org.xerial.snappy.Snappy.compress(Arrays.copyOf(broken, broken.length - 3));

        HttpResponse<String> r = promWrite("?db=prom", truncated);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"proto: cannot decode WriteRequest");
        assertThat(gw.publisher.sent).isEmpty();
    }

    @Test
    void a_block_declaring_more_than_a_quarter_of_max_body_size_decoded_is_413() throws Exception {
        byte[] big = new byte[(1 << 20) / PromWriteHandler.CONVERSION_FACTOR + 1];
        HttpResponse<String> r = promWrite("?db=prom", org.xerial.snappy.Snappy.compress(big));

        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void an_empty_request_is_204_with_nothing_published() {
        assertThat(promWrite("?db=prom", new PromRequests().snappy()).statusCode()).isEqualTo(204);
        assertThat(gw.publisher.sent).isEmpty();
    }
}
