package io.influxha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/influx-ha} over the packaged jar, in a copy of the repository's layout whose
 * {@code mvn} only records that it was called: what the script runs, and when it rebuilds.
 */
class BinInfluxHaIT {
    private static final Path JAR = Path.of(System.getProperty("influxha.jar", "target/influx-ha.jar")).toAbsolutePath();
    private static final Path SCRIPT = Path.of("../bin/influx-ha").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path repo;

    private Path jar;
    private Path source;
    private Path mvnCalls;

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void copyTheLayout() throws IOException {
        Path script = copy(SCRIPT, repo.resolve("bin/influx-ha"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = copy(JAR, repo.resolve("launcher/target/influx-ha.jar"));
        Files.createSymbolicLink(repo.resolve("launcher/target/lib"), JAR.resolveSibling("lib"));
        source = write(repo.resolve("core/src/main/java/io/influxha/core/Example.java"), "class Example {}\n");
        write(repo.resolve("pom.xml"), "<project/>\n");
        mvnCalls = repo.resolve("mvn-calls");
        Path mvn = write(repo.resolve("fake-bin/mvn"), "#!/usr/bin/env bash\necho \"$*\" >> '" + mvnCalls + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Instant built = Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(jar, FileTime.from(built));
        Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(3600)));
        Files.setLastModifiedTime(repo.resolve("pom.xml"), FileTime.from(built.minusSeconds(3600)));
    }

    @Test
    void version_is_the_packaged_jars_and_an_unchanged_tree_is_not_rebuilt() throws Exception {
        Run r = run("--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().trim()).matches("influx-ha \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(mvnCalls).doesNotExist();
    }

    @Test
    void status_help_exits_0_and_lists_its_options() throws Exception {
        Run r = run("status", "--help");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: influx-ha status").contains("--config=FILE");
    }

    @Test
    void a_usage_error_exits_2_through_the_script() throws Exception {
        Run r = run("writer", "--config=x.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("influx-ha writer: Missing required option: '--backend=NAME'");
    }

    @Test
    void a_source_newer_than_the_jar_rebuilds_it_once() throws Exception {
        Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
        Run first = run("--version");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("core/src/main/java/io/influxha/core/Example.java is newer");
        assertThat(Files.readAllLines(mvnCalls)).singleElement().asString().contains("-pl launcher -am package");

        run("--version");
        assertThat(Files.readAllLines(mvnCalls)).hasSize(1);
    }

    @Test
    void a_newer_file_under_target_does_not_rebuild() throws Exception {
        write(repo.resolve("core/target/generated-sources/Generated.java"), "class Generated {}\n");
        Run r = run("--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(mvnCalls).doesNotExist();
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(repo.resolve("bin/influx-ha").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(repo.resolve("out").toFile())
                .redirectError(repo.resolve("err").toFile());
        builder.environment().put("PATH", repo.resolve("fake-bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/influx-ha " + String.join(" ", args) + " did not finish within " + TIMEOUT);
        }
        return new Run(process.exitValue(), Files.readString(repo.resolve("out")), Files.readString(repo.resolve("err")));
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(from, to);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
