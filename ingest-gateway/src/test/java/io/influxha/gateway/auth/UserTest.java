package io.influxha.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserTest {
    @Test
    void a_user_writes_and_reads_only_the_databases_granted() {
        User u = new User("u", false, Set.of("w"), Set.of("r"));

        assertThat(u.mayWrite("w")).isTrue();
        assertThat(u.mayWrite("r")).isFalse();
        assertThat(u.mayRead("r")).isTrue();
        assertThat(u.mayRead("w")).isFalse();
    }

    @Test
    void an_admin_and_the_unrestricted_user_may_do_everything() {
        assertThat(new User("a", true, Set.of(), Set.of()).mayWrite("x")).isTrue();
        assertThat(User.UNRESTRICTED.mayRead("x")).isTrue();
        assertThat(User.UNRESTRICTED.mayWrite("x")).isTrue();
    }
}
