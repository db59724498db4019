package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.tls}: off unless configured; the keystore resolves against the configuration's directory. */
class TlsConfigTest {
    @TempDir
    Path dir;

    private InfluxHaConfig parse(String gateway) {
        return ConfigLoader.parse(gateway + ConfigValidationTest.MINIMAL, Map.of("KS_PW", "changeit")::get, dir);
    }

    @Test
    void tls_is_disabled_unless_configured() {
        assertThat(parse("").gateway().tls()).isEqualTo(TlsSettings.disabled());
    }

    @Test
    void a_relative_keystore_resolves_against_the_configuration_directory() throws Exception {
        Files.writeString(dir.resolve("gw.p12"), "not checked here");

        TlsSettings tls = parse("gateway:\n  tls:\n    keystore: gw.p12\n    keystore_password: \"${KS_PW}\"\n").gateway().tls();

        assertThat(tls).isEqualTo(new TlsSettings(true, dir.toAbsolutePath().resolve("gw.p12"), new Secret("changeit")));
        assertThat(tls.toString()).doesNotContain("changeit");
    }

    @Test
    void a_missing_keystore_file_is_a_problem_with_its_path() {
        assertThatThrownBy(() -> parse("gateway:\n  tls:\n    keystore: nope.p12\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "gateway.tls.keystore: invalid value \"nope.p12\": no readable file at " + dir.toAbsolutePath().resolve("nope.p12")));
    }
}
