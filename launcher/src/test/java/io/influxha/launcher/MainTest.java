package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The command line of bin/influx-ha, run in this JVM: exit codes, usage and messages, no process started. */
class MainTest {
    private static final String SMALLEST_CONFIG = """
            data_dir: ./data
            backends:
              - name: a
                url: http://127.0.0.1:18086
            shards:
              - name: main
                replicas: [a]
                measurements: ["*"]
            """;

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static List<Arguments> commandsAndTheirOptions() {
        return List.of(
                Arguments.of(List.of("all"), List.of("--config=FILE", "-c")),
                Arguments.of(List.of("broker"), List.of("--config=FILE")),
                Arguments.of(List.of("gateway"), List.of("--config=FILE")),
                Arguments.of(List.of("router"), List.of("--config=FILE", "--listen=HOST:PORT")),
                Arguments.of(List.of("writer"), List.of("--config=FILE", "--backend=NAME", "--listen=HOST:PORT")),
                Arguments.of(List.of("health"), List.of("ADDRESS", "--timeout=DURATION")),
                Arguments.of(List.of("check-config"), List.of("--config=FILE")),
                Arguments.of(List.of("status"), List.of("--config=FILE")),
                Arguments.of(List.of("dlq"), List.of("list", "replay")),
                Arguments.of(List.of("dlq", "list"), List.of("--config=FILE", "--backend=NAME", "--reason=TEXT", "--since=WHEN", "--until=WHEN")),
                Arguments.of(List.of("dlq", "replay"), List.of("--config=FILE", "--backend=NAME", "--reason=TEXT", "--since=WHEN", "--until=WHEN")),
                Arguments.of(List.of("demo"), List.of("--data-dir=DIR", "--listen=HOST:PORT", "data/demo")),
                Arguments.of(List.of("bench"), List.of("--url URL", "--duration D", "--verify URL[,URL]", "--visibility-probes N")),
                Arguments.of(List.of(), List.of("all", "broker", "gateway", "router", "writer", "check-config", "health", "status", "dlq",
                        "demo", "bench", "--version")));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commandsAndTheirOptions")
    void help_of_every_command_exits_0_and_lists_its_options(List<String> command, List<String> options) {
        for (String help : List.of("--help", "-h")) {
            Run r = run(concat(command, help));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Usage: influx-ha").contains("--help").contains(options);
        }
    }

    @Test
    void help_command_prints_the_usage_of_the_command_it_names() {
        Run r = run("help", "writer");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: influx-ha writer").contains("--backend=NAME");
    }

    @Test
    void version_outside_the_packaged_jar_says_it_is_unknown() {
        Run r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().trim()).isEqualTo("influx-ha (version unknown: not run from the packaged jar)");
    }

    @Test
    void config_is_taken_as_c_file_config_file_and_config_equals_file() throws IOException {
        Path file = Files.writeString(dir.resolve("influx-ha.yaml"), SMALLEST_CONFIG);
        for (List<String> form : List.of(List.of("-c", file.toString()), List.of("--config", file.toString()),
                List.of("--config=" + file), List.of("-c" + file))) {
            Run r = run(concat(List.of("check-config"), form.toArray(String[]::new)));
            assertThat(r.exitCode()).as(form + ": " + r.err()).isZero();
            assertThat(r.out()).as(form.toString()).startsWith("configuration is valid");
        }
    }

    @Test
    void writer_reads_its_config_and_backend_in_either_order() {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("writer", "--backend", "b", "--config=x.yaml");
        Roles.Writer writer = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(writer.config.file).isEqualTo(Path.of("x.yaml"));
        assertThat(writer.backend).isEqualTo("b");
    }

    @Test
    void listen_of_router_and_writer_is_read_like_gateway_listen_and_a_bad_one_is_a_usage_error() {
        CommandLine.ParseResult parsed = Main.commandLine().parseArgs("writer", "-c", "x.yaml", "--backend", "a", "--listen", "127.0.0.1:0");
        Roles.Writer writer = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(writer.listen).isEqualTo(new io.influxha.core.config.HostPort("127.0.0.1", 0));
        Run r = run("router", "-c", "x.yaml", "--listen", "9187");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("influx-ha router: Invalid value for option '--listen': invalid value \"9187\": expected host:port");
    }

    @Test
    void an_invalid_file_exits_2_with_every_problem_and_its_path() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), SMALLEST_CONFIG.replace("http://127.0.0.1:18086", "influx-a:8086"));
        Run r = run("check-config", "-c", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("influx-ha: " + file + ": invalid configuration").contains("backends[0].url");
    }

    @Test
    void an_unknown_command_exits_2_naming_it_with_the_usage_on_stderr() {
        Run r = run("frobnicate", "-c", "x.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("influx-ha: unknown command \"frobnicate\"").contains("Usage: influx-ha", "check-config");
    }

    @Test
    void no_command_exits_2_with_the_usage() {
        Run r = run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("influx-ha: missing command").contains("Usage: influx-ha");
    }

    @Test
    void a_missing_required_option_exits_2_naming_it_and_the_command() {
        Run writer = run("writer", "-c", "x.yaml");
        assertThat(writer.exitCode()).isEqualTo(2);
        assertThat(writer.err()).startsWith("influx-ha writer: Missing required option: '--backend=NAME'")
                .contains("Usage: influx-ha writer");
        Run status = run("status");
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err()).startsWith("influx-ha status: Missing required option: '--config=FILE'");
    }

    @Test
    void an_unknown_option_or_a_missing_value_exits_2_naming_it() {
        Run unknown = run("status", "-c", "x.yaml", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("influx-ha status: Unknown option: '--bogus'");
        Run noValue = run("all", "-c");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).startsWith("influx-ha all: Missing required parameter for option '--config'");
    }

    @Test
    void dlq_needs_list_or_replay_and_names_a_bad_time() {
        Run none = run("dlq", "-c", "x.yaml");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("influx-ha dlq: Unknown options: '-c', 'x.yaml'").contains("list", "replay");
        Run missing = run("dlq");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("influx-ha dlq: missing subcommand: list or replay");
        Run badTime = run("dlq", "list", "-c", "x.yaml", "--since", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).startsWith("influx-ha dlq list: --since \"yesterday\": expected an ISO-8601 instant")
                .contains("Usage: influx-ha dlq list");
    }

    @Test
    void bench_keeps_its_own_options_and_names_a_bad_one() {
        Run r = run("bench", "--serie", "3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("influx-ha bench: unknown option \"--serie\"").contains("--visibility-probes N");
        Run badValue = run("bench", "--batch", "0");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).startsWith("influx-ha bench: --batch: invalid value \"0\"");
    }

    private static String[] concat(List<String> first, String... rest) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(rest)).toArray(String[]::new);
    }
}
