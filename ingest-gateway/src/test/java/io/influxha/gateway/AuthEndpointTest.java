package io.influxha.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.AuthSettings;
import io.influxha.core.config.AuthUser;
import io.influxha.core.config.DataSize;
import io.influxha.core.config.GatewaySettings;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gateway.auth} on the HTTP endpoints, with InfluxDB 1.8's statuses, bodies and headers
 * (services/httpd/handler.go authenticate, parseCredentials, httpError, serveWrite).
 */
class AuthEndpointTest {
    static final String WRITER_PASSWORD = "w-pa55:word";
    static final String NO_CREDENTIALS = "{\"error\":\"unable to parse authentication credentials\"}\n";
    static final String FAILED = "{\"error\":\"authorization failed\"}\n";

    static AuthSettings users() {
        String readerHash = "sha256:" + java.util.HexFormat.of().formatHex(sha256("r-secret"));
        return new AuthSettings(true, List.of(
                new AuthUser("writer", new Secret(WRITER_PASSWORD), Secret.NONE, false, List.of("telegraf"), List.of()),
                new AuthUser("reader", Secret.NONE, new Secret(readerHash), false, List.of(), List.of("telegraf")),
                new AuthUser("root", new Secret("admin-pw"), Secret.NONE, true, List.of(), List.of()),
                new AuthUser("migrated", Secret.NONE, new Secret(org.mindrot.jbcrypt.BCrypt.hashpw("b-secret", org.mindrot.jbcrypt.BCrypt.gensalt(4))),
                        false, List.of("telegraf"), List.of())));
    }

    private final FakePublisher publisher = new FakePublisher();
    private Gateway gateway = start(users());

    private Gateway start(AuthSettings auth) {
        GatewaySettings settings = new GatewaySettings(new HostPort("127.0.0.1", 0), new DataSize(1 << 20), Duration.ofSeconds(5))
                .withAuth(auth);
        return Gateway.start(settings, publisher, new MemoryBudget(64L << 20));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return TestGateway.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> write(String query, String authorization) {
        HttpRequest.Builder r = request("/write" + query).POST(HttpRequest.BodyPublishers.ofString("cpu v=1 10"));
        return send(authorization == null ? r : r.header("Authorization", authorization));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertChallenge(HttpResponse<String> r, String body) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"InfluxDB\"");
        assertThat(r.headers().firstValue("X-Influxdb-Error")).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void a_write_without_credentials_is_401_with_the_basic_challenge_and_publishes_nothing() {
        assertChallenge(write("?db=telegraf", null), NO_CREDENTIALS);
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void u_and_p_query_parameters_authenticate() {
        assertThat(write("?db=telegraf&u=writer&p=w-pa55%3Aword", null).statusCode()).isEqualTo(204);
        assertThat(publisher.lines()).containsExactly("cpu v=1 10");
    }

    @Test
    void basic_auth_authenticates_with_a_colon_in_the_password() {
        assertThat(write("?db=telegraf", basic("writer", WRITER_PASSWORD)).statusCode()).isEqualTo(204);
        assertThat(publisher.lines()).containsExactly("cpu v=1 10");
    }

    @Test
    void token_user_colon_password_authenticates_on_write() {
        assertThat(write("?db=telegraf", "Token writer:" + WRITER_PASSWORD).statusCode()).isEqualTo(204);
    }

    @Test
    void token_user_colon_password_authenticates_on_the_v2_write_api() {
        HttpResponse<String> ok = send(request("/api/v2/write?bucket=telegraf/autogen&org=x").header("Authorization", "Token writer:" + WRITER_PASSWORD)
                .POST(HttpRequest.BodyPublishers.ofString("cpu v=1 10")));
        HttpResponse<String> bad = send(request("/api/v2/write?bucket=telegraf").header("Authorization", "Token writer:nope")
                .POST(HttpRequest.BodyPublishers.ofString("cpu v=2 10")));

        assertThat(ok.statusCode()).isEqualTo(204);
        assertChallenge(bad, FAILED);
        assertThat(publisher.lines()).containsExactly("cpu v=1 10");
    }

    @Test
    void a_sha256_password_hash_authenticates_its_user() {
        HttpResponse<String> r = send(request("/api/v1/prom/write?db=telegraf").header("Authorization", basic("reader", "r-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(r.statusCode()).isNotEqualTo(401); // authenticated; 403 because reader may not write
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void a_bcrypt_password_hash_authenticates_its_user() {
        assertThat(write("?db=telegraf", basic("migrated", "b-secret")).statusCode()).isEqualTo(204);
        assertChallenge(write("?db=telegraf", basic("migrated", "b-secre")), FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?db=telegraf&u=writer&p=wrong", "?db=telegraf&u=nobody&p=" + "w-pa55%3Aword"})
    void a_wrong_password_or_unknown_user_is_401_authorization_failed(String query) {
        assertChallenge(write(query, null), FAILED);
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void the_password_is_never_echoed() {
        HttpResponse<String> r = write("?db=telegraf", basic("writer", "guess-123"));
        assertThat(r.body() + r.headers().map()).doesNotContain("guess-123");
    }

    @Test
    void unreadable_authorization_headers_are_401_like_no_credentials() {
        assertChallenge(write("?db=telegraf", "Token no-colon"), NO_CREDENTIALS);
        assertChallenge(write("?db=telegraf", "Basic %%%not-base64"), NO_CREDENTIALS);
        assertChallenge(write("?db=telegraf&u=writer", null), NO_CREDENTIALS); // p missing: 1.8 wants both
    }

    @Test
    void an_empty_user_name_is_401_username_required() {
        assertChallenge(write("?db=telegraf", basic("", "x")), "{\"error\":\"username required\"}\n");
    }

    @Test
    void a_bearer_token_is_401_as_1_8_without_a_shared_secret() {
        assertChallenge(write("?db=telegraf", "Bearer abc.def.ghi"), "{\"error\":\"bearer auth disabld\"}\n");
    }

    @Test
    void a_user_without_write_permission_on_the_database_is_403_with_1_8s_message() {
        HttpResponse<String> r = write("?db=other", basic("writer", WRITER_PASSWORD));

        String message = "\"writer\" user is not authorized to write to database \"other\"";
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"error\":" + InfluxErrors.jsonString(message) + "}\n");
        assertThat(r.headers().firstValue("X-Influxdb-Error")).hasValue(message);
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(publisher.sent).isEmpty();
    }

    @Test
    void an_admin_may_write_every_database() {
        assertThat(write("?db=anything", basic("root", "admin-pw")).statusCode()).isEqualTo(204);
    }

    @Test
    void a_missing_database_is_still_400_for_an_authenticated_user() {
        HttpResponse<String> r = write("", basic("writer", WRITER_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":\"database is required\"}\n");
    }

    @Test
    void prometheus_remote_write_needs_credentials_too() {
        assertChallenge(send(request("/api/v1/prom/write?db=telegraf").POST(HttpRequest.BodyPublishers.ofString(""))), NO_CREDENTIALS);
    }

    @Test
    void query_needs_credentials_and_passes_an_authenticated_request_on() {
        assertChallenge(send(request("/query?q=SHOW+DATABASES").GET()), NO_CREDENTIALS);
        assertThat(send(request("/query?q=SHOW+DATABASES&u=reader&p=r-secret").GET()).statusCode()).isNotEqualTo(401);
    }

    @Test
    void a_query_on_a_database_the_user_may_not_read_is_403_before_anything_runs() {
        HttpResponse<String> r = send(request("/query?db=other&u=reader&p=r-secret&q=" + enc("SELECT v FROM cpu")).GET());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"error\":\"error authorizing query: reader not authorized to execute statement "
                + "'SELECT v FROM cpu', requires READ on other\"}\n");
    }

    @Test
    void every_database_a_read_names_needs_read_on_it_subqueries_and_into_included() {
        assertThat(forbidden("SELECT * FROM other..m, telegraf..cpu")).isEqualTo("{\"error\":\"error authorizing query: reader not "
                + "authorized to execute statement 'SELECT * FROM other..m, telegraf..cpu', requires READ on other\"}\n");
        assertThat(forbidden("SELECT * FROM telegraf..cpu, (SELECT * FROM other..m)")).contains("requires READ on other");
        assertThat(forbidden("SELECT * FROM cpu; SELECT * FROM other.autogen.m")).contains("'SELECT * FROM other.autogen.m'");
        assertThat(forbidden("SELECT * INTO telegraf..x FROM telegraf..cpu")).contains("requires WRITE on telegraf");
        assertThat(forbidden("SHOW MEASUREMENTS ON other")).contains("requires READ on other");
    }

    /** The body of the 403 a reader of telegraf gets for {@code q} with {@code db=telegraf}. */
    private String forbidden(String q) {
        HttpResponse<String> r = send(request("/query?db=telegraf&u=reader&p=r-secret&q=" + enc(q)).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        return r.body();
    }

    @Test
    void ddl_needs_an_admin_and_delete_needs_write_permission() {
        HttpResponse<String> create = send(request("/query?u=writer&p=" + WRITER_PASSWORD + "&q=" + enc("CREATE DATABASE x"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> delete = send(request("/query?db=other&u=writer&p=" + WRITER_PASSWORD + "&q=" + enc("DELETE FROM cpu"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("not authorized to execute statement 'CREATE DATABASE x', requires admin privilege");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("requires WRITE on other");
    }

    @Test
    void a_reader_may_query_its_database_and_list_databases() {
        assertThat(send(request("/query?db=telegraf&u=reader&p=r-secret&q=" + enc("SELECT v FROM cpu")).GET()).statusCode()).isNotEqualTo(403);
        assertThat(send(request("/query?u=reader&p=r-secret&q=SHOW+DATABASES").GET()).statusCode()).isNotEqualTo(403);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void metrics_are_open_by_default_as_in_influxdb_and_need_a_user_when_the_setting_says_so() {
        assertThat(send(request("/metrics").GET()).statusCode()).isEqualTo(200);
        gateway.close();
        AuthSettings all = users();
        gateway = start(new AuthSettings(true, all.users(), AuthSettings.MetricsAccess.AUTHENTICATED));

        assertChallenge(send(request("/metrics").GET()), NO_CREDENTIALS);
        assertThat(send(request("/metrics?u=reader&p=r-secret").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void ping_health_and_options_stay_open() {
        assertThat(send(request("/ping").GET()).statusCode()).isEqualTo(204);
        assertThat(send(request("/health").GET()).statusCode()).isEqualTo(200);
        assertThat(send(request("/write").method("OPTIONS", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
    }

    @Test
    void with_auth_disabled_credentials_are_ignored_even_wrong_ones() {
        gateway.close();
        gateway = start(AuthSettings.disabled());

        assertThat(write("?db=any", basic("writer", "wrong")).statusCode()).isEqualTo(204);
        assertThat(write("?db=any", null).statusCode()).isEqualTo(204);
    }

    static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
