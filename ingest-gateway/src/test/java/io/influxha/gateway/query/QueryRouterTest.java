package io.influxha.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.core.config.ShardSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing over fake backends: shard "hot" (cpu) on a and b, default shard "rest" on c. */
class QueryRouterTest {
    private final FakeInflux a = new FakeInflux("a");
    private final FakeInflux b = new FakeInflux("b");
    private final FakeInflux c = new FakeInflux("c");
    private final TestRouters routers = new TestRouters(List.of(a.settings(), b.settings(), c.settings()),
            List.of(new ShardSettings("hot", List.of("a", "b"), List.of("cpu")),
                    new ShardSettings("rest", List.of("c"), List.of("*"))), 100);
    private final QueryRouter router = routers.router;

    @AfterEach
    void stop() {
        a.close();
        b.close();
        c.close();
    }

    private static String body(Routed r) throws IOException {
        try (InputStream in = r.response().body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_read_of_one_shard_goes_to_the_replica_with_the_smallest_lag() throws IOException {
        routers.lags.put("a/hot", 40L);
        routers.lags.put("b/hot", 3L);
        b.answer = q -> "{\"from\":\"b\"}";

        String shard = router.singleShard(List.of(Analyzed.one("SELECT * FROM cpu")));
        Routed r = router.stream(shard, Map.of("q", "SELECT * FROM cpu"), Map.of());

        assertThat(shard).isEqualTo("hot");
        assertThat(body(r)).isEqualTo("{\"from\":\"b\"}");
        assertThat(r.backendHeader()).isEqualTo("b");
        assertThat(r.lagHeader()).isEqualTo("3");
        assertThat(a.requests).isEmpty();
    }

    @Test
    void an_unhealthy_replica_is_skipped_even_when_it_lags_less() {
        routers.lags.put("b/hot", 50L);
        routers.markDown("a");

        Routed r = router.stream("hot", Map.of("q", "SELECT 1"), Map.of());

        assertThat(r.backendHeader()).isEqualTo("b");
    }

    @Test
    void a_replica_over_max_read_lag_answers_only_when_no_replica_is_better() {
        routers.lags.put("a/hot", 500L);
        routers.lags.put("b/hot", 400L);

        assertThat(router.stream("hot", Map.of("q", "x"), Map.of()).backendHeader()).isEqualTo("b");
        routers.lags.put("b/hot", 90L);
        assertThat(router.stream("hot", Map.of("q", "x"), Map.of()).backendHeader()).isEqualTo("b");
        routers.lags.put("a/hot", 100L);
        routers.lags.put("b/hot", 100L);
        assertThat(router.stream("hot", Map.of("q", "x"), Map.of()).backendHeader())
                .as("equal lag: configuration order").isEqualTo("a");
    }

    @Test
    void an_unreachable_replica_fails_over_to_the_next_and_is_marked_unhealthy() {
        a.close();

        Routed r = router.stream("hot", Map.of("q", "SELECT 1"), Map.of());

        assertThat(r.backendHeader()).isEqualTo("b");
        assertThat(router.replicas().isHealthy("a")).isFalse();
    }

    @Test
    void no_reachable_replica_names_the_shard_and_each_failure() {
        c.close();

        assertThatThrownBy(() -> router.stream("rest", Map.of("q", "x"), Map.of()))
                .isInstanceOf(NoReplicaException.class)
                .hasMessageStartingWith("influx-ha: no replica of shard rest answered (c: java.net.ConnectException");
    }

    @Test
    void statements_over_two_shards_or_needing_a_merge_are_not_streamed() {
        assertThat(router.singleShard(List.of(Analyzed.one("SELECT * FROM cpu, mem")))).isNull();
        assertThat(router.singleShard(List.of(Analyzed.one("SELECT * FROM cpu"),
                Analyzed.one("SELECT * FROM mem")))).isNull();
        assertThat(router.singleShard(List.of(Analyzed.one("SHOW MEASUREMENTS")))).isNull();
        assertThat(router.singleShard(List.of(Analyzed.one("SELECT * FROM mem"),
                Analyzed.one("SHOW USERS")))).isEqualTo("rest");
    }

    @Test
    void show_measurements_merges_what_each_shard_owns_sorted_then_pages() {
        a.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"measurements\",\"columns\":[\"name\"],"
                + "\"values\":[[\"cpu\"]]}]}");
        c.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"measurements\",\"columns\":[\"name\"],"
                + "\"values\":[[\"cpu\"],[\"cpu_x\"],[\"disk\"],[\"mem\"]]}]}");

        QueryRouter.Answer r = router.run(Analyzed.one("SHOW MEASUREMENTS LIMIT 3 OFFSET 1"), Map.of("db", "x"), Map.of());

        assertThat(r.result().toString()).isEqualTo("{\"series\":[{\"name\":\"measurements\",\"columns\":[\"name\"],"
                + "\"values\":[[\"cpu_x\"],[\"disk\"],[\"mem\"]]}]}");
        assertThat(a.requests).singleElement().satisfies(req -> {
            assertThat(req.form()).containsEntry("q", "SHOW MEASUREMENTS").containsEntry("db", "x");
        });
        assertThat(r.backendHeader()).isEqualTo("a,c");
    }

    @Test
    void show_tag_values_series_are_merged_by_measurement_name() {
        a.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"key\",\"value\"],"
                + "\"values\":[[\"host\",\"h1\"]]}]}");
        c.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"disk\",\"columns\":[\"key\",\"value\"],"
                + "\"values\":[[\"host\",\"h2\"]]},{\"name\":\"apache\",\"columns\":[\"key\",\"value\"],\"values\":[[\"host\",\"h3\"]]}]}");

        QueryRouter.Answer r = router.run(Analyzed.one("SHOW TAG VALUES WITH KEY = host"), Map.of(), Map.of());

        assertThat(r.result().series()).extracting(MergedResult.Series::name).containsExactly("apache", "cpu", "disk");
    }

    @Test
    void each_measurement_comes_from_the_replica_chosen_for_its_own_shard() {
        // c replicates only "rest" here, but a backend in two shards answers for both: simulate by
        // having c also return an old copy of cpu, which must be dropped in favour of a's
        a.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"measurements\",\"columns\":[\"name\"],"
                + "\"values\":[[\"cpu\"]]}]}");
        c.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"cpu\",\"columns\":[\"time\",\"v\"],"
                + "\"values\":[[1,0]]},{\"name\":\"mem\",\"columns\":[\"time\",\"v\"],\"values\":[[1,1]]}]}");

        StreamedRead r = router.read(Analyzed.one("SELECT v FROM /.*/"), Map.of(), Map.of(), 0, 100);

        assertThat(Rendered.streamed(r, Rendered.JSON)).isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":["
                + "{\"name\":\"mem\",\"columns\":[\"time\",\"v\"],\"values\":[[1,1]]}]}]}\n");
    }

    @Test
    void series_keys_are_owned_by_their_measurement_up_to_the_first_unescaped_comma() {
        assertThat(ShardFilter.measurementOfKey("cpu\\,x,host=a")).isEqualTo("cpu,x");
        assertThat(ShardFilter.measurementOfKey("mem")).isEqualTo("mem");
    }

    @Test
    void show_databases_answers_with_a_whole_shard_down_in_first_seen_order() {
        a.close();
        b.close();
        c.answer = q -> FakeInflux.results("{\"statement_id\":0,\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],"
                + "\"values\":[[\"_internal\"],[\"telegraf\"]]}]}");

        QueryRouter.Answer r = router.run(Analyzed.one("SHOW DATABASES"), Map.of(), Map.of());

        assertThat(r.result().toString()).isEqualTo("{\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],"
                + "\"values\":[[\"_internal\"],[\"telegraf\"]]}]}");
    }

    @Test
    void a_data_read_with_a_shard_down_is_a_statement_error() {
        c.close();

        StreamedRead r = router.read(Analyzed.one("SELECT * FROM /./"), Map.of(), Map.of(), 0, 100);

        assertThat(r.error()).startsWith("influx-ha: no replica of shard rest answered");
    }

    @Test
    void a_backend_refusing_a_merged_statement_passes_its_status_and_body() {
        c.queryStatus = 401;
        c.answer = q -> "{\"error\":\"authorization failed\"}\n";

        assertThatThrownBy(() -> router.run(Analyzed.one("SHOW MEASUREMENTS"), Map.of(), Map.of()))
                .isInstanceOfSatisfying(BackendRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.body()).isEqualTo("{\"error\":\"authorization failed\"}\n");
                });
    }
}
