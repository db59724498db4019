package io.influxha.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.AuthUser;
import io.influxha.core.config.Secret;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class PasswordCheckTest {
    private static AuthUser plain(String password) {
        return new AuthUser("u", new Secret(password), Secret.NONE, false, List.of(), List.of());
    }

    @Test
    void a_clear_text_password_matches_only_itself() {
        PasswordCheck check = PasswordCheck.of(plain("s3cret"));

        assertThat(check.matches("s3cret")).isTrue();
        assertThat(check.matches("s3cre")).isFalse();
        assertThat(check.matches("s3cret ")).isFalse();
        assertThat(check.matches("")).isFalse();
    }

    @Test
    void a_sha256_hash_matches_the_password_it_was_made_from() {
        String hash = "sha256:" + HexFormat.of().formatHex(PasswordCheck.sha256("pässword"));
        PasswordCheck check = PasswordCheck.of(new AuthUser("u", Secret.NONE, new Secret(hash.toUpperCase().replace("SHA256", "sha256")),
                false, List.of(), List.of()));

        assertThat(check.matches("pässword")).isTrue();
        assertThat(check.matches("password")).isFalse();
    }

    @Test
    void a_bcrypt_hash_of_any_revision_matches_its_password_and_only_it() {
        String hash = BCrypt.hashpw("s3cret", BCrypt.gensalt(4));
        for (String revision : List.of("$2a$", "$2b$", "$2y$")) {
            PasswordCheck check = PasswordCheck.of(new AuthUser("u", Secret.NONE, new Secret(revision + hash.substring(4)),
                    false, List.of(), List.of()));

            assertThat(check.isBcrypt()).isTrue();
            assertThat(check.matches("wrong")).isFalse();
            assertThat(check.matches("s3cret")).isTrue();
            assertThat(check.matches("s3cret")).as("again, from the cache").isTrue();
            assertThat(check.matches("s3cre")).isFalse();
        }
    }

    @Test
    void nobody_matches_no_password() {
        assertThat(PasswordCheck.NOBODY.matches("")).isFalse();
        assertThat(PasswordCheck.NOBODY.matches("anything")).isFalse();
    }

    @Test
    void neither_check_nor_user_print_the_secret() {
        AuthUser user = plain("s3cret");
        assertThat(PasswordCheck.of(user).toString()).doesNotContain("s3cret");
        assertThat(user.toString()).doesNotContain("s3cret").contains("[hidden]");
    }
}
