package io.influxha.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An executable a test needs from the machine (promtool, prometheus). Where it is missing, a test
 * on a developer's machine is skipped, saying why; in CI (the environment variable {@code CI} set,
 * and not {@code false}: CI services set {@code CI=true}) it fails instead, so that a missing
 * install never turns into a green run. Either way the message names the binary and the script that
 * installs it.
 */
public final class RequiredTool {
    /** Installs every binary the tests need; scripts/test runs it first. */
    public static final String INSTALLER = "scripts/install-influxdb";

    private RequiredTool() {}

    /** {@code name} on PATH or in /usr/bin, which Debian's {@code debianPackage} installs; else skipped, or failed in CI. */
    public static Path require(String name, String debianPackage) {
        return require(name, debianPackage, System.getenv());
    }

    static Path require(String name, String debianPackage, Map<String, String> env) {
        Optional<Path> found = find(name, env.getOrDefault("PATH", "/usr/bin:/bin"));
        if (found.isPresent()) {
            return found.get();
        }
        String missing = "no " + name + " on PATH or in /usr/bin: install Debian's " + debianPackage + " package ("
                + INSTALLER + " does; scripts/test runs it first)";
        String ci = env.getOrDefault("CI", "");
        if (!ci.isEmpty() && !ci.equalsIgnoreCase("false")) {
            throw new AssertionError(missing + ". CI=" + ci + " is set, so this test fails rather than being skipped");
        }
        Assumptions.abort(missing + " to run this test");
        throw new IllegalStateException("unreachable: abort throws");
    }

    /** The executable {@code name} in a directory of {@code path}, or in /usr/bin. */
    public static Optional<Path> find(String name, String path) {
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }
}
