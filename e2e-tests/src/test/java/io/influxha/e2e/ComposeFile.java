package io.influxha.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The services of a compose file as {@code docker-compose config} resolves them: anchors merged,
 * {@code ${VAR:-default}} replaced, relative bind sources made absolute. Debian's docker-compose
 * 1.29 needs no Docker engine for {@code config}; scripts/install-influxdb installs it.
 */
final class ComposeFile {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One service: {@code mounts} maps each bind-mount target in the container to its source on this host. */
    record Service(String name, String image, List<String> command, Map<String, String> environment, Map<String, Path> mounts) {

        /** The host path mounted at {@code target}, or at the directory holding it. */
        Optional<Path> hostPath(String target) {
            for (Map.Entry<String, Path> m : mounts.entrySet()) {
                if (target.equals(m.getKey())) {
                    return Optional.of(m.getValue());
                }
                if (target.startsWith(m.getKey() + "/")) {
                    return Optional.of(m.getValue().resolve(target.substring(m.getKey().length() + 1)));
                }
            }
            return Optional.empty();
        }
    }

    private ComposeFile() {}

    /** Runs {@code docker-compose -f FILE config} in {@code root} with the default of every variable; fails with its output. */
    static Map<String, Service> services(Path root, String file) throws IOException, InterruptedException {
        Path out = Files.createTempFile("compose-config", ".yml");
        Path err = Files.createTempFile("compose-config", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", file, "config")
                    .directory(root.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run docker-compose (" + e.getMessage() + "): scripts/install-influxdb installs it", e);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker-compose -f " + file + " config did not finish within 60 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError("docker-compose -f " + file + " config exited " + p.exitValue() + ":\n"
                        + Files.readString(err, StandardCharsets.UTF_8) + text);
            }
            Map<String, Service> services = parse(text);
            if (services.isEmpty()) {
                throw new AssertionError("docker-compose -f " + file + " config printed no services:\n" + text);
            }
            return services;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Map<String, Service> parse(String configOutput) throws IOException {
        Map<String, Service> services = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : YAML.readTree(configOutput).path("services").properties()) {
            JsonNode s = e.getValue();
            services.put(e.getKey(), new Service(e.getKey(), s.path("image").asText(""), strings(s.path("command")),
                    environment(s.path("environment")), mounts(s.path("volumes"))));
        }
        return services;
    }

    private static List<String> strings(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node.isTextual()) {
            list.addAll(List.of(node.textValue().trim().split("\\s+")));
        }
        node.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** A mapping, or a list of {@code NAME=value}, as Compose allows both. */
    private static Map<String, String> environment(JsonNode node) {
        Map<String, String> env = new LinkedHashMap<>();
        node.properties().forEach(e -> env.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        if (node.isArray()) {
            node.forEach(n -> env.put(n.asText().split("=", 2)[0], n.asText().contains("=") ? n.asText().split("=", 2)[1] : ""));
        }
        return env;
    }

    /** Bind mounts only ({@code /source:/target[:mode]}, or the long form); named volumes hold no file of the repository. */
    private static Map<String, Path> mounts(JsonNode node) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (JsonNode v : node) {
            if (v.isTextual()) {
                String[] parts = v.textValue().split(":");
                if (parts.length >= 2 && parts[0].startsWith("/")) {
                    mounts.put(parts[1], Path.of(parts[0]));
                }
            } else if ("bind".equals(v.path("type").asText())) {
                mounts.put(v.path("target").asText(), Path.of(v.path("source").asText()));
            }
        }
        return mounts;
    }
}
