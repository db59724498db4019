package io.influxha.gateway.influxql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reference answers of influxd 1.6.7's /query handler, from the Go program
 * {@code src/test/go/influxql-ref} built against Debian's influxql 1.1.0: one long-lived process,
 * one JSON line in and one out per case (the protocol is in main.go). The binary is rebuilt into
 * {@code target/influxql-ref/} when missing or older than main.go; building needs the Debian
 * packages golang-go and golang-github-influxdata-influxql-dev (scripts/install-influxdb installs
 * them) and no network.
 */
final class InfluxQlReference implements AutoCloseable {
    static final Path GOPATH = Path.of("/usr/share/gocode");
    static final Path INFLUXQL_SOURCE = GOPATH.resolve("src/github.com/influxdata/influxql");
    private static final long ANSWER_TIMEOUT_SECONDS = 10;
    private static final long BUILD_TIMEOUT_SECONDS = 300;
    private static final String EOF = "\u0000eof"; // never a line: the program escapes control characters
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path stderr;

    private InfluxQlReference(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "influxql-ref-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Builds the program when needed and starts it. */
    static InfluxQlReference start() {
        Path module = moduleDir();
        Path out = module.resolve("target/influxql-ref");
        Path binary = build(module.resolve("src/test/go/influxql-ref"), out);
        Path stderr = out.resolve("influxql-ref.stderr");
        try {
            Process p = new ProcessBuilder(binary.toString()).redirectError(stderr.toFile()).start();
            return new InfluxQlReference(p, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /**
     * The reference's JSON answer line for {@code q} with the raw {@code params} parameter
     * ({@code null} when the request has none). Fails after 10 s without an answer.
     */
    synchronized String answer(String q, String paramsOrNull) {
        ObjectNode line = JSON.createObjectNode().put("q", q).put("params", paramsOrNull);
        try {
            stdin.write(JSON.writeValueAsString(line));
            stdin.write('\n');
            stdin.flush();
            String answer = answers.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null || answer.equals(EOF)) {
                throw new IllegalStateException("influxql-ref gave no answer within " + ANSWER_TIMEOUT_SECONDS + " s (alive="
                        + process.isAlive() + ") for " + line + "; stderr: " + tail(stderr));
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("influxql-ref is gone (stderr: " + tail(stderr) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for influxql-ref", e);
        }
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the program exits at end of input
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void readAnswers() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process ended; answer() reports it
        }
        answers.add(EOF);
    }

    /** The ingest-gateway module: the working directory under Maven, or its child from the repository root. */
    private static Path moduleDir() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(cwd, cwd.resolve("ingest-gateway"))) {
            if (Files.isRegularFile(candidate.resolve("src/test/go/influxql-ref/main.go"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find src/test/go/influxql-ref/main.go under " + cwd);
    }

    /** Builds into a temporary name and renames, so concurrent builds never run a half-written binary. */
    private static Path build(Path source, Path out) {
        Path binary = out.resolve("influxql-ref");
        try {
            Path main = source.resolve("main.go");
            if (Files.isExecutable(binary) && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(main)) >= 0) {
                return binary;
            }
            requireToolchain();
            Files.createDirectories(out);
            Path partial = out.resolve("influxql-ref." + ProcessHandle.current().pid() + ".partial");
            Files.deleteIfExists(partial); // go build -o will not overwrite a file that is not a Go binary
            Path log = out.resolve("go-build.log");
            ProcessBuilder go = new ProcessBuilder("go", "build", "-o", partial.toString(), ".")
                    .directory(source.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            go.environment().putAll(goEnvironment(out.resolve("gocache")));
            Process p = go.start();
            if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("go build of influxql-ref took over " + BUILD_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("go build of influxql-ref failed:\n" + Files.readString(log));
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build influxql-ref into " + out, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building influxql-ref", e);
        }
    }

    /** Fails naming the Debian packages that are missing. */
    private static void requireToolchain() {
        List<String> missing = new ArrayList<>();
        if (!goRuns()) {
            missing.add("golang-go (the go command)");
        }
        if (!Files.isDirectory(INFLUXQL_SOURCE)) {
            missing.add("golang-github-influxdata-influxql-dev (influxql 1.1.0 in " + INFLUXQL_SOURCE + ")");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the InfluxQL reference cannot be built; missing Debian packages: "
                    + String.join(", ", missing) + "; scripts/install-influxdb installs them");
        }
    }

    private static boolean goRuns() {
        try {
            Process p = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for go", e);
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.exists(file) ? Files.readString(file) : "";
            return s.isEmpty() ? "(empty)" : s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** An offline GOPATH-mode build against Debian's Go sources; the build cache stays under target/. */
    private static Map<String, String> goEnvironment(Path cache) {
        return Map.of("GOPATH", GOPATH.toString(), "GO111MODULE", "off", "GOFLAGS", "", "GOPROXY", "off",
                "GOCACHE", cache.toAbsolutePath().toString(), "CGO_ENABLED", "0");
    }
}
