package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Environment references in string values, with Docker Compose's semantics except for $$ (docs/configuration.md, "General rules"). */
class InterpolationTest {
    private static final Map<String, String> ENV = Map.of("HOST", "influxdb-a", "PORT", "18086", "EMPTY", "");
    private static final Interpolation VARS = new Interpolation(ENV::get);
    private static final Path BASE = Path.of("/srv/influx-ha");

    static Stream<Arguments> resolved() {
        return Stream.of(
                Arguments.of("text without a dollar is kept", "http://a:8086", "http://a:8086"),
                Arguments.of("a whole-value reference", "${HOST}", "influxdb-a"),
                Arguments.of("references inside a value", "http://${HOST}:${PORT}", "http://influxdb-a:18086"),
                Arguments.of(":- takes the variable when it is set", "${PORT:-8086}", "18086"),
                Arguments.of(":- takes the default when the variable is unset", "${UNSET:-8086}", "8086"),
                Arguments.of(":- takes the default when the variable is empty", "${EMPTY:-8086}", "8086"),
                Arguments.of("- keeps an empty variable", "x${EMPTY-8086}x", "xx"),
                Arguments.of("- takes the default when the variable is unset", "${UNSET-8086}", "8086"),
                Arguments.of("an empty default", "a${UNSET:-}b", "ab"),
                Arguments.of("a default may hold a colon and a slash", "${UNSET:-http://b:8086/x}", "http://b:8086/x"),
                Arguments.of("$$ is kept as written (a password written before references existed)", "pa$$word", "pa$$word"),
                Arguments.of("$$ at the end is kept as written", "pa$$", "pa$$"),
                Arguments.of("$${...} is a literal reference", "$${HOST}", "${HOST}"),
                Arguments.of("$${...} inside a value is a literal reference", "a$${HOST}b", "a${HOST}b"),
                Arguments.of("$$$ before a reference keeps one dollar and the literal reference", "$$${HOST}", "$${HOST}"),
                Arguments.of("a lone dollar before other text is kept (bcrypt)", "$2a$10$abc", "$2a$10$abc"),
                Arguments.of("a trailing dollar is kept (regular expression)", "/^cpu$/", "/^cpu$/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolved")
    void resolves_references_and_keeps_every_other_dollar(String name, String text, String expected) {
        assertThat(VARS.resolve(text)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("an unset variable without default", "http://${UNSET}:1", "environment variable UNSET is not set"),
                Arguments.of("an unclosed reference", "ab${HOST", "\"${\" at character 3 has no closing \"}\" (write \"$${\" for a literal \"${\")"),
                Arguments.of("no name", "${:-x}", "the reference at character 1 needs a variable name ([A-Za-z_][A-Za-z0-9_]*) after \"${\" (write \"$${\" for a literal \"${\")"),
                Arguments.of("a name starting with a digit", "${1X}", "the reference at character 1 needs a variable name ([A-Za-z_][A-Za-z0-9_]*) after \"${\" (write \"$${\" for a literal \"${\")"),
                Arguments.of("an operator Compose does not have here", "${HOST:?err}", "the reference to HOST at character 1 must be ${HOST}, ${HOST:-default} or ${HOST-default}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses_with_a_message_naming_no_value(String name, String text, String message) {
        assertThatThrownBy(() -> VARS.resolve(text)).isInstanceOf(Interpolation.Unresolved.class).hasMessage(message);
    }

    @Test
    void every_string_of_the_configuration_takes_references() {
        String yaml = """
                kafka:
                  bootstrap_servers: ${KAFKA:-kafka:9092}
                gateway:
                  listen: 0.0.0.0:${GATEWAY_PORT:-8086}
                backends:
                  - name: a
                    url: http://${HOST}:${PORT}
                shards:
                  - name: main
                    replicas: [a]
                    measurements: ["${MEASUREMENT:-*}"]
                """;
        InfluxHaConfig config = ConfigLoader.parse(yaml, Map.of("HOST", "127.0.0.1", "PORT", "18086", "GATEWAY_PORT", "9999")::get, BASE);

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.gateway().listen().port()).isEqualTo(9999);
        assertThat(config.backends().get(0).url()).isEqualTo(URI.create("http://127.0.0.1:18086"));
    }

    @Test
    void unresolved_values_are_reported_once_each_with_their_path_and_nothing_else_about_them() {
        String yaml = """
                kafka:
                  bootstrap_servers: ${KAFKA}
                backends:
                  - name: ${NAME}
                    url: http://${HOST}:8086
                    password: "${SECRET"
                shards:
                  - name: main
                    replicas: [a, "${REPLICA}"]
                    measurements: ["*"]
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, name -> null, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "kafka.bootstrap_servers: environment variable KAFKA is not set",
                        "backends[0].name: environment variable NAME is not set",
                        "backends[0].url: environment variable HOST is not set",
                        "backends[0].password: \"${\" at character 1 has no closing \"}\" (write \"$${\" for a literal \"${\")",
                        "shards[0].replicas[1]: environment variable REPLICA is not set"));
    }

    @Test
    void a_number_written_as_a_reference_is_a_string_and_says_so() {
        String yaml = "kafka:\n  partitions: ${PARTITIONS:-6}\n" + ConfigValidationTest.MINIMAL;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, name -> null, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .isEqualTo(List.of("kafka.partitions: invalid value \"${PARTITIONS:-6}\": expected an integer")));
    }

    /** A secret may reach any string through a reference (a URL's credentials, a Kafka client property): messages show the text as written. */
    @Test
    void an_invalid_value_is_shown_as_written_never_with_what_its_references_gave() {
        String yaml = """
                backends:
                  - name: a
                    url: "ftp://${CRED}@influxdb-a:8086"
                shards:
                  - name: main
                    replicas: [a]
                    measurements: ["*"]
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, Map.of("CRED", "admin:s3cret-value")::get, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0)).startsWith("backends[0].url: invalid value \"ftp://${CRED}@influxdb-a:8086\": ")
                            .doesNotContain("s3cret-value");
                });
    }
}
