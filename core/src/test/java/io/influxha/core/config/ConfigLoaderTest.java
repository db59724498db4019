package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path BASE = Path.of("/srv/influx-ha");
    private static final UnaryOperator<String> NO_ENV = name -> null;

    static String resource(String name) {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path exampleFile() {
        // Surefire runs in the module directory; the example lives at the repository root.
        return Path.of("..", "config", "example.yaml");
    }

    @Test
    void design_example_loads_with_its_values_and_every_default() {
        InfluxHaConfig config = ConfigLoader.load(exampleFile());

        assertThat(config.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
        assertThat(config.kafka()).isEqualTo(new KafkaSettings("", "influxha", 6, (short) 1, 1, Map.of()));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.gateway()).isEqualTo(new GatewaySettings(
                new HostPort("127.0.0.1", 8086), new DataSize(25_000_000), Duration.ofSeconds(10)));
        assertThat(config.backends()).containsExactly(
                BackendSettings.of("a", URI.create("http://127.0.0.1:18086")),
                BackendSettings.of("b", URI.create("http://127.0.0.1:18087")));
        assertThat(config.backends().get(0).connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.backends().get(0).requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.shards()).containsExactly(new ShardSettings("main", List.of("a", "b"), List.of("*")));
        assertThat(config.writer()).isEqualTo(new WriterSettings(5000, new DataSize(4 * 1024 * 1024),
                Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(10)));
        assertThat(config.router()).isEqualTo(new RouterSettings(1, Duration.ofMillis(100)));
        assertThat(config.router().listen()).isEqualTo(new HostPort("127.0.0.1", 9187));
        assertThat(config.writer().listen()).isEqualTo(new HostPort("127.0.0.1", 9188));
    }

    @Test
    void router_and_writer_listen_addresses_are_checked_like_gateway_listen() {
        String yaml = """
                backends: [{name: a, url: "http://127.0.0.1:18086"}]
                shards: [{name: main, replicas: [a], measurements: ["*"]}]
                router: {listen: "127.0.0.1"}
                writer: {listen: "127.0.0.1:70000"}
                """;
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "router.listen: invalid value \"127.0.0.1\": expected host:port, e.g. \"127.0.0.1:8086\"",
                        "writer.listen: invalid value \"127.0.0.1:70000\": the port must be a number from 0 to 65535"));
    }

    @Test
    void every_key_can_be_set() {
        Map<String, String> env = Map.of("INFLUX_PASSWORD", "s3cret", "KAFKA_JAAS", "jaas-line");
        InfluxHaConfig config = ConfigLoader.parse(resource("full.yaml"), env::get, BASE);

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/influx-ha"));
        assertThat(config.kafka()).isEqualTo(new KafkaSettings("k1:9092, k2:9092,[::1]:9093", "metrics.prod", 12,
                (short) 5, 3, Map.of("linger.ms", "20", "compression.type", "zstd", "sasl.jaas.config", "jaas-line")));
        assertThat(config.gateway()).isEqualTo(new GatewaySettings(
                new HostPort("0.0.0.0", 9096), new DataSize(50L << 20), Duration.ofSeconds(90),
                250, Duration.ofMillis(500)).withMaxMergeSize(new DataSize(64L << 20)));
        assertThat(config.backends()).containsExactly(
                new BackendSettings("eu-1", URI.create("https://influx-eu-1.example:8086/influx"), true,
                        Duration.ofMillis(500), Duration.ofMinutes(1), "writer", new Secret("s3cret")),
                BackendSettings.of("eu_2", URI.create("http://influx-eu-2.example:8086")));
        assertThat(config.shards()).containsExactly(
                new ShardSettings("cpu", List.of("eu-1"), List.of("cpu", "cpu_*", "/^proc(ess)?$/")),
                new ShardSettings("rest", List.of("eu-1", "eu_2"), List.of("*")));
        assertThat(config.writer()).isEqualTo(new WriterSettings(10_000, new DataSize(8_000_000),
                Duration.ofMillis(250), Duration.ofMillis(50), Duration.ofMinutes(1), WriterSettings.DEFAULT_LATE_WRITE_BOUND,
                new HostPort("0.0.0.0", 9288)));
        assertThat(config.router()).isEqualTo(new RouterSettings(2, Duration.ZERO, new HostPort("::1", 0)));
    }

    @Test
    void a_cluster_keeps_three_copies_two_in_sync_unless_told_otherwise() {
        String yaml = "kafka:\n  bootstrap_servers: k1:9092,k2:9092,k3:9092\n"
                + "backends:\n  - name: a\n    url: http://127.0.0.1:18086\n"
                + "shards:\n  - name: main\n    replicas: [a]\n    measurements: [\"*\"]\n";
        KafkaSettings kafka = ConfigLoader.parse(yaml, k -> null, BASE).kafka();
        assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
        assertThat(kafka.minInsyncReplicas()).isEqualTo(2);

        KafkaSettings two = ConfigLoader.parse(yaml.replace("k3:9092\n", "k3:9092\n  replication_factor: 2\n"), k -> null, BASE).kafka();
        assertThat(two.replicationFactor()).isEqualTo((short) 2);
        assertThat(two.minInsyncReplicas()).as("two in sync by default, never more than the copies").isEqualTo(2);

        KafkaSettings embedded = ConfigLoader.parse(yaml.replace("  bootstrap_servers: k1:9092,k2:9092,k3:9092\n", ""), k -> null, BASE).kafka();
        assertThat(embedded.replicationFactor()).isEqualTo((short) 1);
        assertThat(embedded.minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void relative_data_dir_resolves_against_the_base_directory() {
        String yaml = ConfigValidationTest.MINIMAL.replace("backends:", "data_dir: state/../var\nbackends:");
        assertThat(ConfigLoader.parse(yaml, NO_ENV, BASE).dataDir()).isEqualTo(BASE.resolve("var"));
    }

    @Test
    void password_comes_from_the_environment_and_never_prints() {
        String yaml = ConfigValidationTest.MINIMAL.replace("url: http://127.0.0.1:18086",
                "url: http://127.0.0.1:18086\n    username: u\n    password: ${A_PASSWORD}");
        InfluxHaConfig config = ConfigLoader.parse(yaml, Map.of("A_PASSWORD", "hunter2")::get, BASE);

        assertThat(config.backends().get(0).password().value()).isEqualTo("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("password=[hidden]");
    }

    @Test
    void doubled_dollar_before_a_brace_keeps_a_literal_reference_and_every_other_dollar_stays_as_written() {
        String yaml = ConfigValidationTest.MINIMAL.replace("url: http://127.0.0.1:18086",
                "url: http://127.0.0.1:18086\n    username: u\n    password: \"$${NOT_A_VAR}\"");
        assertThat(ConfigLoader.parse(yaml, NO_ENV, BASE).backends().get(0).password().value()).isEqualTo("${NOT_A_VAR}");
        String plain = yaml.replace("$${NOT_A_VAR}", "pa$word$");
        assertThat(ConfigLoader.parse(plain, NO_ENV, BASE).backends().get(0).password().value()).isEqualTo("pa$word$");
        String doubled = yaml.replace("$${NOT_A_VAR}", "pa$$word");
        assertThat(ConfigLoader.parse(doubled, NO_ENV, BASE).backends().get(0).password().value()).isEqualTo("pa$$word");
    }

    @Test
    void missing_environment_variable_is_named_and_the_secret_is_not_shown() {
        String yaml = ConfigValidationTest.MINIMAL.replace("url: http://127.0.0.1:18086",
                "url: http://127.0.0.1:18086\n    username: u\n    password: ${A_PASSWORD}");
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("backends[0].password: environment variable A_PASSWORD is not set"));
    }

    @Test
    void several_problems_are_reported_at_once_in_document_order_then_cross_checks() {
        assertThatThrownBy(() -> ConfigLoader.parse(resource("many-problems.yaml"), NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "kafka.partitionz: unknown key, did you mean \"partitions\"?",
                        "gateway.publish_timeout: invalid value 10: a duration needs a unit (e.g. \"10s\", \"500ms\")",
                        "backends[0].url: invalid value \"influx-b:8086\": expected an http:// or https:// URL",
                        "backends[1].name: invalid value \"a\": backends[0] already has this name",
                        "writer.batch_points: invalid value 0: must be at least 1",
                        "shards[0].replicas[1]: invalid value \"b\": no backend has this name (backends: a)"))
                .hasMessageContaining("kafka.partitionz").hasMessageContaining("\nshards[0].replicas[1]");
    }

    @Test
    void yaml_syntax_error_names_line_and_column() {
        assertThatThrownBy(() -> ConfigLoader.parse("backends: [a, b\nshards: []\n", NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 2, column 7: YAML syntax error: expected ',' or ']', but got : "
                                + "(while parsing a flow sequence started at line 1, column 11)"));
    }

    @Test
    void tab_indentation_is_a_syntax_error_with_position() {
        assertThatThrownBy(() -> ConfigLoader.parse("kafka:\n\tpartitions: 3\n", NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().get(0))
                        .startsWith("line 2, column 1: YAML syntax error: found character '\\t(TAB)'"));
    }

    @Test
    void duplicate_key_is_an_error_not_a_silent_override() {
        assertThatThrownBy(() -> ConfigLoader.parse(ConfigValidationTest.MINIMAL + "backends: []\n", NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("line 8, column 9: YAML syntax error: duplicate key \"backends\""));
    }

    @Test
    void second_yaml_document_is_refused_rather_than_ignored() {
        assertThatThrownBy(() -> ConfigLoader.parse(ConfigValidationTest.MINIMAL + "---\ndata_dir: /x\n", NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "line 9, column 1: a second YAML document starts here: the configuration is one document (remove the \"---\" before it)"));
    }

    @Test
    void empty_document_asks_for_backends_and_shards() {
        assertThatThrownBy(() -> ConfigLoader.parse("# nothing yet\n", NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("backends: missing required key", "shards: missing required key"));
    }

    @Test
    void document_that_is_not_a_mapping_is_rejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("- a\n- b\n", NO_ENV, BASE))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "(top level): expected a mapping of keys such as backends and shards, got a list"));
    }

    @Test
    void missing_file_is_reported_with_its_path(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(file + ": no such file"));
    }

    @Test
    void load_reads_a_file(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), ConfigValidationTest.MINIMAL);
        assertThat(ConfigLoader.load(file).backends()).extracting(BackendSettings::name).containsExactly("a");
    }
}
