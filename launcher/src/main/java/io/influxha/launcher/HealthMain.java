package io.influxha.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxha.core.config.Durations;
import io.influxha.core.config.HostPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code health [--timeout 5s] ADDRESS}: a container healthcheck without curl. GETs ADDRESS's
 * {@code /health} (the gateway's, a router's or a writer's) and exits 0 when it answers 200 with a
 * status other than {@code fail}, else 1 with one line per failing check, or the connection error,
 * on stderr.
 */
@Command(name = "health", description = {"Probes a role's GET /health, for container healthchecks (no curl needed).",
        "Exit 0 when it answers 200 and its status is not fail; 1 otherwise, naming each failing check or the connection error on stderr."})
final class HealthMain implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "ADDRESS", converter = AddressConverter.class,
            description = "HOST:PORT (http) or an http:// or https:// URL of the role; /health is added when the URL has no path")
    URI address;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = TimeoutConverter.class,
            description = "for connecting and for the whole answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(address).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            err.println("influx-ha health: " + address + ": no answer within " + Durations.format(timeout));
            return 1;
        } catch (IOException e) {
            err.println("influx-ha health: " + address + ": cannot connect: " + describe(e));
            return 1;
        }
        List<String> problems = problems(response.statusCode(), response.body());
        if (problems.isEmpty()) {
            out.println("influx-ha health: " + address + ": pass");
            return 0;
        }
        problems.forEach(p -> err.println("influx-ha health: " + address + ": " + p));
        return 1;
    }

    /** What is wrong with this answer, one line each; empty when it is 200 with a status other than fail. */
    static List<String> problems(int status, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.path("status").isTextual()) {
            return List.of("answered " + status + " without a health JSON body: " + abbreviate(body));
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode check : root.path("checks")) {
            if ("fail".equals(check.path("status").asText())) {
                problems.add("check \"" + check.path("name").asText() + "\" fails: " + check.path("message").asText());
            }
        }
        String overall = root.path("status").asText();
        if (status != 200 || "fail".equals(overall)) {
            problems.add("answered " + status + " with status " + overall);
        }
        return problems;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + message;
    }

    private static String abbreviate(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "(empty)" : line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** HOST:PORT → http://HOST:PORT/health; a URL keeps its path, or gets /health when it has none. */
    static final class AddressConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            if (value.startsWith("http://") || value.startsWith("https://")) {
                URI uri;
                try {
                    uri = URI.create(value);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("invalid URL \"" + value + "\": " + e.getMessage());
                }
                if (uri.getHost() == null) {
                    throw new TypeConversionException("invalid URL \"" + value + "\": no host");
                }
                String path = uri.getRawPath();
                return path == null || path.isEmpty() || path.equals("/") ? uri.resolve("/health") : uri;
            }
            try {
                return URI.create("http://" + HostPort.parse(value) + "/health");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("invalid address \"" + value + "\": " + e.getMessage() + ", or an http:// URL");
            }
        }
    }

    static final class TimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = Durations.parse(value);
                if (d.isZero()) {
                    throw new IllegalArgumentException("must be more than 0");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("invalid value \"" + value + "\": " + e.getMessage());
            }
        }
    }
}
