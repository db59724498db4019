package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import io.influxha.testkit.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four ways statements broke replicas or auth before the gateway had its own InfluxQL parser,
 * each on `influx-ha all` over two real influxd, with auth on:
 * <ul>
 *   <li>a statement smuggled after a regex that holds {@code --} (or after a NUL) runs through the
 *       log on both replicas, not raw on one;</li>
 *   <li>a read that names a database the user may not read is refused with 1.8's 403;</li>
 *   <li>ALTER of a missing policy and a write to a missing policy are answered as influxd answers
 *       them, and writes after them reach both replicas;</li>
 *   <li>a mangled query gets influxd's own 400, never an exception text.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatementInputIT {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;
    private static AllInOne all;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        all = AllInOne.start(dir, AllInOneConfig.of("input", 3).gateway("""
                auth:
                  enabled: true
                  users:
                    - {name: admin, password: adminpw, admin: true}
                    - {name: mineonly, password: minepw, read: [mine], write: [mine]}
                """));
        for (String db : new String[] {"mine", "secret", "victim", "victim2", "fuzz"}) {
            ok(query("admin", "adminpw", "CREATE DATABASE " + db, ""));
        }
        Await.until(CONVERGE, () -> bothHave("victim2"), () -> "both replicas to create the databases");
    }

    @AfterAll
    static void stop() {
        if (all != null) {
            all.close();
        }
    }

    @Test
    void a_statement_after_a_regex_holding_a_line_comment_runs_through_the_log_on_both_replicas() throws Exception {
        HttpResponse<String> r = query("admin", "adminpw", "SELECT * FROM /a--/; DROP DATABASE victim", "mine");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0},{\"statement_id\":1}]}\n");
        Await.until(CONVERGE, () -> !onReplica(all.a, "victim") && !onReplica(all.b, "victim"),
                () -> "both replicas to drop victim; a=" + databases(all.a) + " b=" + databases(all.b) + "; log:\n" + all.influxHa.logTail());
    }

    @Test
    void a_statement_after_a_nul_is_the_same_statement_on_both_replicas() throws Exception {
        HttpResponse<String> r = query("admin", "adminpw", "SELECT * FROM m\u0000; DROP DATABASE victim2", "mine");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Await.until(CONVERGE, () -> !onReplica(all.a, "victim2") && !onReplica(all.b, "victim2"),
                () -> "both replicas to drop victim2 (influxd reads the NUL after an identifier as nothing); a="
                        + databases(all.a) + " b=" + databases(all.b));
    }

    @Test
    void a_read_of_two_databases_needs_read_on_both_and_is_refused_with_1_8s_403() throws Exception {
        HttpResponse<String> r = query("mineonly", "minepw", "SELECT * FROM secret..m, mine..cpu", "");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"error\":\"error authorizing query: mineonly not authorized to execute statement "
                + "'SELECT * FROM secret..m, mine..cpu', requires READ on secret\"}\n");
        assertThat(query("mineonly", "minepw", "SHOW DATABASES", "").body())
                .as("a user who is not an admin sees only the databases it may read or write")
                .isEqualTo("{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],"
                        + "\"values\":[[\"mine\"]]}]}]}\n");
    }

    /**
     * A replica that applies a DELETE later than the other (here: it was down) must delete the same
     * points: a point 15 s younger than the statement's {@code now() - 1h} when it was accepted is
     * older than that once the late replica applies it, 20 s on, if {@code now()} were read there.
     */
    @Test
    @Order(50)
    void now_in_a_delete_is_the_time_it_was_accepted_even_on_a_replica_that_applies_it_later() throws Exception {
        long nowSeconds = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis());
        StringBuilder lines = new StringBuilder("aged,n=edge v=0i " + (nowSeconds - 3600 + 15) + "\n");
        for (int i = 0; i < 5; i++) {
            lines.append("aged,n=").append(i).append(" v=1i ").append(nowSeconds - 7200 - i).append('\n');
            lines.append("aged,n=").append(i).append(" v=2i ").append(nowSeconds - 600 - i).append('\n');
        }
        assertThat(post("/write?db=mine&precision=s&u=admin&p=adminpw", lines.toString()).statusCode()).isEqualTo(204);
        Await.until(CONVERGE, () -> all.a.count("mine", "aged") == 11 && all.b.count("mine", "aged") == 11,
                () -> "the points on both replicas before the DELETE");
        all.b.stop();

        long accepted = System.currentTimeMillis();
        HttpResponse<String> r = query("admin", "adminpw", "DELETE FROM aged WHERE time < now() - 1h", "mine");
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}\n");
        Await.until(CONVERGE, () -> all.a.count("mine", "aged") == 6, () -> "replica a to delete the 5 old points");
        Await.until(CONVERGE, () -> System.currentTimeMillis() > accepted + 20_000, () -> "the edge point to age past the bound");
        all.b.start();

        Await.until(CONVERGE, () -> all.b.count("mine", "aged") == 6,
                () -> "replica b, applying the DELETE late, to keep the edge point as a did: b=" + all.b.count("mine", "aged")
                        + "; log:\n" + all.influxHa.logTail());
        assertThat(all.a.count("mine", "aged")).isEqualTo(6);
    }

    /**
     * The fuzz suite: seeded hostile /query and /write requests (InputFuzz). None may get a 5xx
     * other than influxd's 500 for an unknown retention policy, an exception's text, or a
     * connection closed without an answer; afterwards the node still writes both replicas.
     * {@code -Dfuzz.seed=N -Dfuzz.requests=M} replays or widens it.
     */
    @Test
    @Order(100)
    void fuzzed_queries_and_writes_never_get_a_5xx_an_exception_text_or_a_dropped_connection() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261206L);
        int requests = Integer.getInteger("fuzz.requests", 1_200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        InputFuzz fuzz = new InputFuzz(seed, java.util.List.of("mine", "fuzz"));
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int sent = 0;
        for (; sent < requests && System.nanoTime() < deadline; sent++) {
            InputFuzz.Request r = fuzz.next();
            String target = r.target() + (r.target().contains("?") ? "&" : "?") + "u=admin&p=adminpw";
            try {
                RawHttp.Response a = RawHttp.send(all.gateway.getPort(), r.method(), target, r.headers(), r.body());
                statuses.merge(a.status(), 1, Integer::sum);
                String problem = problem(a);
                if (problem != null) {
                    problems.add("seed " + seed + " request " + sent + " (" + r.what() + "): " + problem);
                }
            } catch (IOException e) {
                problems.add("seed " + seed + " request " + sent + " (" + r.what() + "): no whole answer: " + e.getMessage());
            }
        }
        System.out.printf("StatementInputIT fuzz: seed %d, %d requests, statuses %s%n", seed, sent, statuses);
        assertThat(problems).isEmpty();
        assertThat(sent).as("requests sent within the time bound").isGreaterThan(300);
        long t0 = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()) - 30;
        for (int i = 0; i < 10; i++) {
            assertThat(post("/write?db=mine&precision=s&u=admin&p=adminpw", "afterfuzz,n=" + i + " v=1i " + (t0 + i) + "\n").statusCode())
                    .isEqualTo(204);
        }
        Await.until(CONVERGE, () -> all.a.count("mine", "afterfuzz") == 10 && all.b.count("mine", "afterfuzz") == 10,
                () -> "writes after the fuzz on both replicas; log:\n" + all.influxHa.logTail());
    }

    /** What is wrong with an answer to hostile input, or null. */
    private static String problem(RawHttp.Response a) {
        String body = a.body();
        if (body.contains("Exception") || body.contains("java.") || body.contains("\tat ")) {
            return a.status() + " with an exception's text: " + body;
        }
        boolean unknownPolicy = a.status() == 500 && body.matches("\\{\"error\":\"retention policy not found: [^\"]*\"\\}\n");
        if (a.status() >= 500 && !unknownPolicy) {
            return a.status() + ": " + body;
        }
        return null;
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: before the gateway checked policies, its write held every partition
    void alter_of_a_missing_policy_and_a_write_to_one_are_answered_as_influxd_and_later_writes_reach_both_replicas()
            throws Exception {
        String alter = "ALTER RETENTION POLICY nope ON mine DURATION 1d";
        HttpResponse<String> r = query("admin", "adminpw", alter, "");
        assertThat(r.body()).isEqualTo(direct(all.a, alter)).isEqualTo(
                "{\"results\":[{\"statement_id\":0,\"error\":\"retention policy not found: nope\"}]}\n");
        HttpResponse<String> w = post("/write?db=mine&rp=nope&u=admin&p=adminpw", "late v=1\n");
        assertThat(w.statusCode()).isEqualTo(500);
        assertThat(w.body()).isEqualTo("{\"error\":\"retention policy not found: nope\"}\n");

        long t0 = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis()) - 60;
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> ok = post("/write?db=mine&precision=s&u=admin&p=adminpw", "after,n=" + i + " v=" + i + "i " + (t0 + i) + "\n");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        }
        Await.until(CONVERGE, () -> all.a.count("mine", "after") == 50 && all.b.count("mine", "after") == 50,
                () -> "50 later writes on both replicas: a=" + all.a.count("mine", "after") + " b=" + all.b.count("mine", "after")
                        + "; log:\n" + all.influxHa.logTail());
    }

    @Test
    void a_mangled_query_gets_influxds_own_400() throws Exception {
        String mangled = "SELECT * FROM.*/; /re.*//re.*/...";
        HttpResponse<String> r = query("admin", "adminpw", mangled, "mine");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(direct(all.a, mangled)).doesNotContain("java.");
    }

    private static boolean bothHave(String db) {
        return onReplica(all.a, db) && onReplica(all.b, db);
    }

    private static boolean onReplica(InfluxdProcess influxd, String db) {
        return databases(influxd).contains("[\"" + db + "\"]");
    }

    private static String databases(InfluxdProcess influxd) {
        return influxd.query("", "SHOW DATABASES");
    }

    /** What influxd itself answers to {@code q} (POST /query, no credentials: auth is off on the replicas). */
    private static String direct(InfluxdProcess influxd, String q) throws IOException, InterruptedException {
        return send(influxd.url(), "/query?db=mine&q=" + enc(q), "").body();
    }

    private static HttpResponse<String> query(String user, String password, String q, String db) throws IOException, InterruptedException {
        return post("/query?u=" + user + "&p=" + password + "&db=" + db + "&q=" + enc(q), "");
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) throws IOException, InterruptedException {
        return send(all.gateway, pathAndQuery, body);
    }

    private static HttpResponse<String> send(URI base, String pathAndQuery, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as(r.body()).doesNotContain("\"error\"");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
