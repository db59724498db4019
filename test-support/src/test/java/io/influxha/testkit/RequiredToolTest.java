package io.influxha.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {
    private static final String ABSENT = "influxha-no-such-tool";

    @TempDir
    Path dir;

    @Test
    void a_tool_on_path_is_found() throws IOException {
        Path tool = Files.createFile(dir.resolve(ABSENT), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(RequiredTool.require(ABSENT, "x", Map.of("PATH", dir.toString(), "CI", "true"))).isEqualTo(tool);
    }

    @Test
    void a_missing_tool_skips_the_test_outside_ci_naming_it_and_the_installer() {
        assertThatThrownBy(() -> RequiredTool.require(ABSENT, "prometheus", Map.of("PATH", dir.toString())))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no " + ABSENT + " on PATH or in /usr/bin: install Debian's prometheus package (scripts/install-influxdb does");
        assertThatThrownBy(() -> RequiredTool.require(ABSENT, "prometheus", Map.of("PATH", dir.toString(), "CI", "false")))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void a_missing_tool_fails_the_test_in_ci_naming_it_and_the_installer() {
        assertThatThrownBy(() -> RequiredTool.require(ABSENT, "prometheus", Map.of("PATH", dir.toString(), "CI", "true")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("no " + ABSENT + " on PATH or in /usr/bin: install Debian's prometheus package (scripts/install-influxdb does;"
                        + " scripts/test runs it first). CI=true is set, so this test fails rather than being skipped");
    }
}
