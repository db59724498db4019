package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per validation rule: the YAML and the exact single problem it must produce. */
class ConfigValidationTest {
    static final String MINIMAL = """
            backends:
              - name: a
                url: http://127.0.0.1:18086
            shards:
              - name: main
                replicas: [a]
                measurements: ["*"]
            """;

    /** {@code sections} (top-level YAML) followed by the minimal valid config. */
    private static String with(String sections) {
        return sections + MINIMAL;
    }

    /** The minimal config with extra keys for backend {@code a}. */
    private static String backend(String keys) {
        return MINIMAL.replace("url: http://127.0.0.1:18086\n", "url: http://127.0.0.1:18086\n" + keys.indent(4));
    }

    /** Backends a and b, and the given shards list. */
    private static String shards(String shards) {
        return """
                backends:
                  - name: a
                    url: http://127.0.0.1:18086
                  - name: b
                    url: http://127.0.0.1:18087
                shards:
                """ + shards.indent(2);
    }

    private static Arguments rule(String name, String yaml, String problem) {
        return Arguments.of(name, yaml, problem);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("misspelt key suggests the closest", with("dat_dir: ./d\n"), "dat_dir: unknown key, did you mean \"data_dir\"?"),
                rule("camelCase key suggests the snake_case one", with("gateway:\n  maxBodySize: 1MB\n"),
                        "gateway.maxBodySize: unknown key, did you mean \"max_body_size\"?"),
                rule("unknown key far from any lists the known ones", with("kafka:\n  brokers: x\n"),
                        "kafka.brokers: unknown key (known keys: bootstrap_servers, topic_prefix, partitions, "
                                + "replication_factor, min_insync_replicas, allow_single_replica, client_overrides)"),
                rule("section must be a mapping", with("kafka: 3\n"), "kafka: expected a mapping, got a number"),
                rule("data_dir must not be blank", with("data_dir: \"\"\n"), "data_dir: invalid value \"\": expected a directory path"),
                rule("data_dir must be a string", with("data_dir: [a]\n"), "data_dir: invalid value [\"a\"]: expected a string"),
                rule("bootstrap servers are host:port", with("kafka:\n  bootstrap_servers: k1\n"),
                        "kafka.bootstrap_servers: invalid value \"k1\": expected a comma-separated list of host:port, "
                                + "\"\" for the embedded broker (\"k1\": expected host:port, e.g. \"127.0.0.1:8086\")"),
                rule("topic prefix uses topic characters", with("kafka:\n  topic_prefix: influx ha\n"),
                        "kafka.topic_prefix: invalid value \"influx ha\": use 1 to 200 of the characters A-Z a-z 0-9 . _ -"),
                rule("partitions at least 1", with("kafka:\n  partitions: 0\n"), "kafka.partitions: invalid value 0: must be at least 1"),
                rule("an integer is not a string", with("kafka:\n  partitions: \"6\"\n"),
                        "kafka.partitions: invalid value \"6\": expected an integer"),
                rule("min_insync_replicas at most replication_factor",
                        with("kafka:\n  bootstrap_servers: k1:9092\n  replication_factor: 2\n  min_insync_replicas: 3\n"),
                        "kafka.min_insync_replicas: must be at most kafka.replication_factor (3 > 2)"),
                rule("embedded broker keeps one copy", with("kafka:\n  replication_factor: 3\n  min_insync_replicas: 2\n"),
                        "kafka.replication_factor: invalid value 3: the embedded broker (empty kafka.bootstrap_servers) "
                                + "is a single node: keep 1, or set kafka.bootstrap_servers to a cluster"),
                rule("one copy on a cluster must be allowed explicitly",
                        with("kafka:\n  bootstrap_servers: k1:9092\n  replication_factor: 1\n  min_insync_replicas: 1\n"),
                        "kafka.replication_factor: invalid value 1: one copy on a Kafka cluster: a broker that dies takes "
                                + "acknowledged writes with it; use 3 (the default with kafka.bootstrap_servers set), or set "
                                + "kafka.allow_single_replica: true for a one-broker test cluster"),
                rule("the cluster default of two in-sync copies is checked against an explicit replication factor",
                        with("kafka:\n  bootstrap_servers: k1:9092\n  replication_factor: 1\n  allow_single_replica: true\n"
                                + "  min_insync_replicas: 2\n"),
                        "kafka.min_insync_replicas: must be at most kafka.replication_factor (2 > 1)"),
                rule("override of a guarantee is refused", with("kafka:\n  client_overrides:\n    acks: 1\n"),
                        "kafka.client_overrides.acks: cannot be overridden: the gateway answers 2xx only once all "
                                + "in-sync replicas have the data (acks=all)"),
                rule("override through a Streams client prefix is refused too",
                        with("kafka:\n  client_overrides:\n    main.consumer.isolation.level: read_uncommitted\n"),
                        "kafka.client_overrides.main.consumer.isolation.level: cannot be overridden: writers must never "
                                + "apply the router's aborted output (read_committed)"),
                rule("override value is a scalar", with("kafka:\n  client_overrides:\n    linger.ms: [1]\n"),
                        "kafka.client_overrides.linger.ms: invalid value [1]: expected a single value, got a list"),
                rule("override name is a dotted Kafka name", with("kafka:\n  client_overrides:\n    LingerMs: 1\n"),
                        "kafka.client_overrides.LingerMs: not a Kafka property name: expected its dotted lowercase name, e.g. \"linger.ms\""),
                rule("listen needs a port", with("gateway:\n  listen: localhost\n"),
                        "gateway.listen: invalid value \"localhost\": expected host:port, e.g. \"127.0.0.1:8086\""),
                rule("listen port in range", with("gateway:\n  listen: 127.0.0.1:70000\n"),
                        "gateway.listen: invalid value \"127.0.0.1:70000\": the port must be a number from 0 to 65535"),
                rule("IPv6 listen host in brackets", with("gateway:\n  listen: \"::1:8086\"\n"),
                        "gateway.listen: invalid value \"::1:8086\": an IPv6 host must be written in brackets, e.g. \"[::1]:8086\""),
                rule("size needs a unit", with("gateway:\n  max_body_size: 25000000\n"),
                        "gateway.max_body_size: invalid value 25000000: a size needs a unit (e.g. \"25MB\", \"4MiB\")"),
                rule("size unit is known", with("gateway:\n  max_body_size: 25mb\n"),
                        "gateway.max_body_size: invalid value \"25mb\": unknown unit \"mb\" (use B, KB, MB, GB, KiB, MiB or GiB)"),
                rule("size at least one byte", with("gateway:\n  max_body_size: 0B\n"),
                        "gateway.max_body_size: invalid value \"0B\": must be at least 1B"),
                rule("merge size needs a unit", with("gateway:\n  max_merge_size: 32\n"),
                        "gateway.max_merge_size: invalid value 32: a size needs a unit (e.g. \"25MB\", \"4MiB\")"),
                rule("duration needs a unit", with("gateway:\n  publish_timeout: 10\n"),
                        "gateway.publish_timeout: invalid value 10: a duration needs a unit (e.g. \"10s\", \"500ms\")"),
                rule("quoted duration still needs a unit", with("gateway:\n  publish_timeout: \"10\"\n"),
                        "gateway.publish_timeout: invalid value \"10\": a duration needs a unit (e.g. \"10s\", \"500ms\")"),
                rule("duration not negative", with("gateway:\n  publish_timeout: -1s\n"),
                        "gateway.publish_timeout: invalid value \"-1s\": a duration must not be negative"),
                rule("timeout above zero", with("gateway:\n  publish_timeout: 0s\n"),
                        "gateway.publish_timeout: invalid value \"0s\": must be at least 1ms"),
                rule("duration unit is known", backend("connect_timeout: 5sec"),
                        "backends[0].connect_timeout: invalid value \"5sec\": unknown unit \"sec\" (use ns, us, ms, s, m or h)"),
                rule("backends is a list", "backends: {a: 1}\n" + MINIMAL.substring(MINIMAL.indexOf("shards:")),
                        "backends: invalid value {\"a\":1}: expected a list of backends, got a mapping"),
                rule("backends not empty", "backends: []\n" + MINIMAL.substring(MINIMAL.indexOf("shards:")),
                        "backends: must list at least one backend"),
                rule("backend url is http or https", MINIMAL.replace("http://127.0.0.1:18086", "influx-b:8086"),
                        "backends[0].url: invalid value \"influx-b:8086\": expected an http:// or https:// URL"),
                rule("backend url has no credentials", MINIMAL.replace("http://", "http://u:secret@"),
                        "backends[0].url: credentials in a URL would be printed in logs: use username and password instead (value hidden)"),
                rule("backend url has no query", MINIMAL.replace("18086", "18086/?db=x"),
                        "backends[0].url: invalid value \"http://127.0.0.1:18086/?db=x\": a backend URL takes no query or fragment"),
                rule("backend url required", MINIMAL.replace("    url: http://127.0.0.1:18086\n", ""),
                        "backends[0].url: missing required key"),
                rule("backend name characters", MINIMAL.replace("name: a", "name: a.b").replace("[a]", "[a.b]"),
                        "backends[0].name: invalid value \"a.b\": use only the characters A-Z a-z 0-9 _ -"),
                rule("backend names unique", shards("- name: main\n  replicas: [a]\n  measurements: [\"*\"]\n")
                                .replace("name: b", "name: a"),
                        "backends[1].name: invalid value \"a\": backends[0] already has this name"),
                rule("gzip is a boolean", backend("gzip: maybe"), "backends[0].gzip: invalid value \"maybe\": expected true or false"),
                rule("password type error hides the value", backend("username: u\npassword: 1234"),
                        "backends[0].password: expected a string, got a number (value hidden)"),
                rule("password needs a username", backend("password: pw"), "backends[0].password: is set but backends[0].username is empty"),
                rule("every backend replicates a shard", shards("- name: main\n  replicas: [a]\n  measurements: [\"*\"]\n"),
                        "backends[1].name: backend \"b\" is a replica of no shard: add it to a shard's replicas, or remove it"),
                rule("shards not empty", MINIMAL.substring(0, MINIMAL.indexOf("shards:")) + "shards: []\n",
                        "shards: must list at least one shard"),
                rule("shard name valid in a topic", MINIMAL.replace("name: main", "name: a/b"),
                        "shards[0].name: invalid value \"a/b\": use only the characters A-Z a-z 0-9 . _ - (it becomes part of a topic name)"),
                rule("shard names unique even across . and _",
                        shards("- name: m.x\n  replicas: [a]\n  measurements: [\"*\"]\n- name: m_x\n  replicas: [b]\n  measurements: [cpu]\n"),
                        "shards[1].name: invalid value \"m_x\": shards[0] already has this name (or one that differs only in case or '.' versus '_')"),
                rule("replicas not empty", MINIMAL.replace("[a]", "[]"), "shards[0].replicas: must not be empty"),
                rule("replicas name backends", shards("- name: main\n  replicas: [a, b, c]\n  measurements: [\"*\"]\n"),
                        "shards[0].replicas[2]: invalid value \"c\": no backend has this name (backends: a, b)"),
                rule("replicas listed once", shards("- name: main\n  replicas: [a, b, a]\n  measurements: [\"*\"]\n"),
                        "shards[0].replicas[2]: invalid value \"a\": already listed at shards[0].replicas[0]"),
                rule("measurements required", MINIMAL.replace("    measurements: [\"*\"]\n", ""),
                        "shards[0].measurements: missing required key"),
                rule("measurement is a string", MINIMAL.replace("[\"*\"]", "[\"*\", 42]"),
                        "shards[0].measurements[1]: invalid value 42: expected a string"),
                rule("regex compiles", MINIMAL.replace("[\"*\"]", "[\"*\", \"/cpu[/\"]"),
                        "shards[0].measurements[1]: invalid value \"/cpu[/\": the regex does not compile: Unclosed character class near index 3"),
                rule("regex is closed", MINIMAL.replace("[\"*\"]", "[\"*\", \"/cpu\"]"),
                        "shards[0].measurements[1]: invalid value \"/cpu\": a regex is written between slashes, e.g. \"/^cpu_.+/\""),
                rule("regex not empty", MINIMAL.replace("[\"*\"]", "[\"*\", \"//\"]"),
                        "shards[0].measurements[1]: invalid value \"//\": the regex between the slashes is empty"),
                rule("pattern listed once across shards",
                        shards("- name: s1\n  replicas: [a]\n  measurements: [cpu]\n- name: s2\n  replicas: [b]\n  measurements: [\"*\", cpu]\n"),
                        "shards[1].measurements[1]: invalid value \"cpu\": already listed at shards[0].measurements[0]"),
                rule("a default shard exists", shards("- name: main\n  replicas: [a, b]\n  measurements: [cpu]\n"),
                        "shards: no default shard: add \"*\" to the measurements of the shard that takes every measurement no other pattern matches"),
                rule("only one default shard",
                        shards("- name: s1\n  replicas: [a]\n  measurements: [\"*\"]\n- name: s2\n  replicas: [b]\n  measurements: [\"*\"]\n"),
                        "shards[1].measurements[0]: invalid value \"*\": the shard at shards[0] is already the default shard"),
                rule("shard topic name within Kafka's limit", MINIMAL.replace("name: main", "name: " + "s".repeat(240)),
                        "shards[0].name: invalid value \"" + "s".repeat(240) + "\": the topic name 255 characters long exceeds Kafka's 249"),
                rule("batch_points at least 1", with("writer:\n  batch_points: 0\n"), "writer.batch_points: invalid value 0: must be at least 1"),
                rule("batch_bytes needs a unit", with("writer:\n  batch_bytes: 4096\n"),
                        "writer.batch_bytes: invalid value 4096: a size needs a unit (e.g. \"25MB\", \"4MiB\")"),
                rule("retry max backoff not below initial", with("writer:\n  retry_initial_backoff: 1m\n"),
                        "writer.retry_max_backoff: must be at least writer.retry_initial_backoff (10s < 1m)"),
                rule("stream_threads at least 1", with("router:\n  stream_threads: 0\n"),
                        "router.stream_threads: invalid value 0: must be at least 1"),
                rule("commit_interval is a duration", with("router:\n  commit_interval: soon\n"),
                        "router.commit_interval: invalid value \"soon\": expected a duration (e.g. \"10s\", \"500ms\", \"1m30s\")"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule_reports_its_exact_problem(String name, String yaml, String problem) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, v -> null, Path.of("/base")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(problem));
    }
}
