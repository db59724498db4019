package io.influxha.core.config;

import static io.influxha.core.config.Field.optional;
import static io.influxha.core.config.Field.required;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxha.core.Topics;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Walks the YAML tree into an {@link InfluxHaConfig}, then checks what ties sections together. */
final class ConfigReader {
    /** Kafka's limit on a topic name's length. */
    private static final int MAX_TOPIC_LENGTH = 249;

    private ConfigReader() {}

    static InfluxHaConfig read(JsonNode root, UnaryOperator<String> env, Path baseDir) {
        Problems problems = new Problems();
        Secrets secrets = new Secrets();
        Field<String> dataDir = optional("data_dir", dataDir(), "./data");
        Field<KafkaSettings> kafka = optional("kafka", new KafkaSection(secrets).parser(), KafkaSettings.defaults());
        Field<GatewaySettings> gateway = optional("gateway", Sections.gateway(secrets, baseDir), GatewaySettings.defaults());
        Field<List<BackendSettings>> backends = required("backends", new BackendsSection(secrets).parser());
        Field<List<ShardSettings>> shards = required("shards", ShardsSection.parser());
        Field<WriterSettings> writer = optional("writer", Sections.writer(), WriterSettings.defaults());
        Field<RouterSettings> router = optional("router", Sections.router(), RouterSettings.defaults());

        Node top = Node.root(root, problems, new Interpolation(env));
        if (!top.absent() && !root.isObject()) {
            problems.add("(top level)", "expected a mapping of keys such as backends and shards, got " + top.kind());
            problems.throwIfAny();
        }
        Values v = Section.read(top, List.of(dataDir, kafka, gateway, backends, shards, writer, router));
        if (v.valid(backends, shards)) {
            checkReplicas(top, v.get(backends), v.get(shards));
        }
        if (v.valid(kafka, shards)) {
            checkTopicNames(top, v.get(kafka).topicPrefix(), v.get(shards));
        }
        problems.throwIfAny();
        return new InfluxHaConfig(baseDir.toAbsolutePath().resolve(v.get(dataDir)).normalize(), v.get(kafka),
                v.get(gateway), List.copyOf(v.get(backends)), List.copyOf(v.get(shards)), v.get(writer), v.get(router));
    }

    private static Parser<String> dataDir() {
        return node -> {
            String text = Scalars.string().parse(node);
            if (text == null) {
                return null;
            }
            if (text.isBlank()) {
                return node.invalid("expected a directory path");
            }
            try {
                Path.of(text);
                return text;
            } catch (InvalidPathException e) {
                return node.invalid("not a valid path: " + e.getReason());
            }
        };
    }

    /** Replicas name existing backends, and every backend replicates some shard (else it would get nothing). */
    private static void checkReplicas(Node top, List<BackendSettings> backends, List<ShardSettings> shards) {
        Set<String> names = new HashSet<>();
        backends.forEach(b -> names.add(b.name()));
        if (!names.contains(null)) {
            for (int i = 0; i < shards.size(); i++) {
                List<String> replicas = shards.get(i).replicas();
                for (int j = 0; replicas != null && j < replicas.size(); j++) {
                    if (!names.contains(replicas.get(j))) {
                        top.field("shards").element(i).field("replicas").element(j)
                                .invalid("no backend has this name (backends: " + String.join(", ", names.stream().sorted().toList()) + ")");
                    }
                }
            }
        }
        if (shards.stream().map(ShardSettings::replicas).noneMatch(Objects::isNull)) {
            Set<String> used = new HashSet<>();
            shards.forEach(s -> used.addAll(s.replicas()));
            for (int i = 0; i < backends.size(); i++) {
                String name = backends.get(i).name();
                if (name != null && !used.contains(name)) {
                    top.field("backends").element(i).field("name").problem("backend \"" + name
                            + "\" is a replica of no shard: add it to a shard's replicas, or remove it");
                }
            }
        }
    }

    private static void checkTopicNames(Node top, String prefix, List<ShardSettings> shards) {
        for (int i = 0; prefix != null && i < shards.size(); i++) {
            String name = shards.get(i).name();
            if (name != null && Topics.shard(prefix, name).length() > MAX_TOPIC_LENGTH) {
                top.field("shards").element(i).field("name").invalid("the topic name "
                        + Topics.shard(prefix, name).length() + " characters long exceeds Kafka's " + MAX_TOPIC_LENGTH);
            }
        }
    }
}
