package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.ShardSettings;
import io.influxha.gateway.query.FakeInflux;
import io.influxha.gateway.query.TestRouters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Prometheus remote read through the gateway: shard "hot" (cpu*) on a, default shard "rest" on c. */
class PromReadTest {
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux c = new FakeInflux("c");
    private final TestRouters routers = new TestRouters(List.of(a.settings(), c.settings()),
            List.of(new ShardSettings("hot", List.of("a"), List.of("cpu*")), new ShardSettings("rest", List.of("c"), List.of("*"))), 10);
    private final Gateway gateway = Gateway.start(new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20),
            Duration.ofSeconds(5)), new FakePublisher(), new MemoryBudget(1 << 24), routers.router);

    @AfterEach
    void stop() {
        gateway.close();
        a.close();
        c.close();
    }

    /** A snappy-compressed ReadRequest with one query per matcher list {type, name, value, ...}. */
    private static byte[] readRequest(String[]... queries) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(request);
        for (String[] matchers : queries) {
            ByteArrayOutputStream query = new ByteArrayOutputStream();
            CodedOutputStream q = CodedOutputStream.newInstance(query);
            q.writeInt64(1, 0);
            q.writeInt64(2, 1000);
            for (int i = 0; i < matchers.length; i += 3) {
                ByteArrayOutputStream matcher = new ByteArrayOutputStream();
                CodedOutputStream m = CodedOutputStream.newInstance(matcher);
                m.writeEnum(1, Integer.parseInt(matchers[i]));
                m.writeString(2, matchers[i + 1]);
                m.writeString(3, matchers[i + 2]);
                m.flush();
                q.writeByteArray(3, matcher.toByteArray());
            }
            q.flush();
            out.writeByteArray(1, query.toByteArray());
        }
        out.flush();
        return Snappy.compress(request.toByteArray());
    }

    private HttpResponse<String> read(byte[] body) throws Exception {
        return TestGateway.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                        + "/api/v1/prom/read?db=prometheus")).header("Content-Encoding", "snappy")
                .header("Content-Type", "application/x-protobuf").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_read_of_one_metric_goes_to_the_replica_of_its_shard_with_the_body_unchanged() throws Exception {
        byte[] body = readRequest(new String[] {"0", "__name__", "cpu_seconds", "0", "job", "node"});

        HttpResponse<String> r = read(body);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("read-by-a");
        assertThat(r.headers().firstValue("X-Influxha-Backend")).hasValue("a");
        assertThat(a.promReads).containsExactly("db=prometheus snappy " + body.length);
        assertThat(c.promReads).isEmpty();
    }

    @Test
    void a_read_needing_two_shards_is_refused_with_400() throws Exception {
        HttpResponse<String> r = read(readRequest(new String[] {"0", "__name__", "cpu_seconds"}, new String[] {"0", "__name__", "up"}));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("needs shards [hot, rest]");
    }

    @Test
    void a_body_that_is_not_a_read_request_is_400() throws Exception {
        HttpResponse<String> r = read("not snappy".getBytes());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("cannot read the remote-read request");
    }
}
