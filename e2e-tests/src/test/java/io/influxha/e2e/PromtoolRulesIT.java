package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.testkit.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules in {@code deploy/prometheus/alerts.yml} are valid for Prometheus and behave as
 * their unit tests ({@code alerts.test.yml}) say, checked by Prometheus' own {@code promtool}
 * (Debian's {@code prometheus} package, 2.42, which scripts/install-influxdb installs). Without
 * {@code promtool} it is skipped, saying why, or fails when the environment variable CI is set
 * (RequiredTool).
 */
class PromtoolRulesIT {
    private static final Path RULES_DIR = Path.of("..", "deploy", "prometheus");
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void promtool_finds_the_alert_rules_valid() throws Exception {
        Result check = promtool("check", "rules", "alerts.yml");
        assertThat(check.exit).as("promtool check rules alerts.yml said:%n%s", check.output).isZero();
        assertThat(check.output).contains("SUCCESS");
    }

    @Test
    void every_alert_rule_passes_its_promtool_unit_tests() throws Exception {
        Result test = promtool("test", "rules", "alerts.test.yml");
        assertThat(test.exit).as("promtool test rules alerts.test.yml said:%n%s", test.output).isZero();
        assertThat(test.output).contains("SUCCESS");
    }

    private record Result(int exit, String output) {}

    private static Result promtool(String... args) throws IOException, InterruptedException {
        Path binary = RequiredTool.require("promtool", "prometheus");
        List<String> command = Stream.concat(Stream.of(binary.toString()), Stream.of(args)).toList();
        Path output = Files.createTempFile("promtool", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " in " + RULES_DIR + " ran over " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

}
