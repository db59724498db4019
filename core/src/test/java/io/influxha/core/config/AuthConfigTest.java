package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gateway.auth}: off unless enabled; users with a password or a hash, never shown in problems. */
class AuthConfigTest {
    private static final String HASH = "sha256:" + "ab".repeat(32);
    private static final String BCRYPT = "$2y$05$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0".substring(0, 53);
    private static final String BAD_HASH = "expected \"sha256:<64 hex digits>\" (printf %s \"$PASSWORD\" | sha256sum) "
            + "or a bcrypt hash \"$2a$10$...\" (htpasswd -nbB user \"$PASSWORD\") (value hidden)";

    private static InfluxHaConfig parse(String gateway) {
        return ConfigLoader.parse(gateway + ConfigValidationTest.MINIMAL, Map.of("TELEGRAF_PW", "from-env")::get, Path.of("/base"));
    }

    private static List<String> problems(String gateway) {
        try {
            parse(gateway);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void auth_is_disabled_unless_configured() {
        assertThat(parse("").gateway().auth()).isEqualTo(AuthSettings.disabled());
    }

    @Test
    void users_are_read_with_passwords_from_the_file_the_environment_or_a_sha256_or_bcrypt_hash() {
        AuthSettings auth = parse("""
                gateway:
                  auth:
                    enabled: true
                    users:
                      - {name: admin, password: s3cret, admin: true}
                      - {name: telegraf, password: "${TELEGRAF_PW}", write: [telegraf]}
                      - {name: grafana, password_hash: "%s", read: [telegraf, app]}
                      - {name: migrated, password_hash: "%s"}
                """.formatted(HASH, BCRYPT)).gateway().auth();

        assertThat(auth.enabled()).isTrue();
        assertThat(auth.users()).containsExactly(
                new AuthUser("admin", new Secret("s3cret"), Secret.NONE, true, List.of(), List.of()),
                new AuthUser("telegraf", new Secret("from-env"), Secret.NONE, false, List.of("telegraf"), List.of()),
                new AuthUser("grafana", Secret.NONE, new Secret(HASH), false, List.of(), List.of("telegraf", "app")),
                new AuthUser("migrated", Secret.NONE, new Secret(BCRYPT), false, List.of(), List.of()));
        assertThat(auth.toString()).doesNotContain("s3cret", "from-env", HASH).contains("[hidden]");
    }

    @Test
    void metrics_are_open_unless_the_setting_asks_for_credentials() {
        String users = "    users:\n      - {name: admin, password: s3cret, admin: true}\n";
        assertThat(parse("gateway:\n  auth:\n    enabled: true\n" + users).gateway().auth().metrics())
                .isEqualTo(AuthSettings.MetricsAccess.OPEN);
        assertThat(parse("gateway:\n  auth:\n    enabled: true\n    metrics: authenticated\n" + users).gateway().auth().metrics())
                .isEqualTo(AuthSettings.MetricsAccess.AUTHENTICATED);
        assertThat(problems("gateway:\n  auth:\n    enabled: true\n    metrics: admins\n" + users))
                .containsExactly("gateway.auth.metrics: invalid value \"admins\": expected open or authenticated");
    }

    @Test
    void enabled_without_users_is_a_problem() {
        assertThat(problems("gateway:\n  auth:\n    enabled: true\n")).containsExactly(
                "gateway.auth.users: missing: gateway.auth.enabled is true, so at least one user is needed");
    }

    @Test
    void each_user_problem_names_its_path_and_never_shows_a_secret() {
        List<String> problems = problems("""
                gateway:
                  auth:
                    enabled: true
                    users:
                      - {name: a, password: pw1, password_hash: "%s"}
                      - {name: b}
                      - {name: c, password_hash: "sha256:nothex-topsecret"}
                      - {name: d, password_hash: "$2a$10$abcdefghijklmnopqrstuv-topsecret"}
                      - {name: a, password: pw2, writ: [x]}
                      - {name: e, password: "${MISSING}"}
                """.formatted(HASH));

        assertThat(problems).containsExactly(
                "gateway.auth.users[0]: give exactly one of password and password_hash, not both",
                "gateway.auth.users[1]: give exactly one of password and password_hash",
                "gateway.auth.users[2].password_hash: " + BAD_HASH,
                "gateway.auth.users[3].password_hash: " + BAD_HASH,
                "gateway.auth.users[4].writ: unknown key, did you mean \"write\"?",
                "gateway.auth.users[5].password: environment variable MISSING is not set",
                "gateway.auth.users[4].name: invalid value \"a\": another user has this name");
        assertThat(String.join("\n", problems)).doesNotContain("pw1", "pw2", "topsecret", "abcdefghij");
    }
}
