package io.influxha.testkit;

import io.influxha.broker.EmbeddedBroker;
import io.influxha.core.KafkaCluster;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.KafkaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One Kafka broker per test JVM, started on first use: a Testcontainers Kafka when a Docker engine
 * is reachable, otherwise the in-process {@link EmbeddedBroker} under a temporary directory that is
 * deleted when the JVM exits. Set {@code -Dinfluxha.test.kafka=embedded} (or {@code docker}) to
 * force one. Tests share the broker, so each uses its own topics and groups ({@link #uniqueName}).
 */
public final class KafkaFixture {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static String bootstrapServers;

    private KafkaFixture() {}

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String mode = System.getProperty("influxha.test.kafka", "");
            boolean docker = mode.equals("docker") || (!mode.equals("embedded") && ContainerKafka.dockerAvailable());
            bootstrapServers = docker ? ContainerKafka.start() : startEmbedded();
        }
        return bootstrapServers;
    }

    /** The test broker, as the roles see it, with {@code settings} (prefix, overrides). */
    public static KafkaCluster cluster(KafkaSettings settings) {
        return new KafkaCluster(bootstrapServers(), settings);
    }

    /** The test broker with {@code config.kafka()}; its {@code bootstrap_servers} is not read. */
    public static KafkaCluster cluster(InfluxHaConfig config) {
        return cluster(config.kafka());
    }

    private static String startEmbedded() {
        EmbeddedBroker.throwInsteadOfHalting();
        try {
            Path dir = Files.createTempDirectory("influxha-kafka-");
            EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                deleteTree(dir);
            }, "influxha-kafka-fixture-stop"));
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the test broker", e);
        }
    }

    /**
     * Creates the topics (replication factor 1; existing ones are kept) and writes one synchronous
     * {@code noop} record to every partition it created, so the first pipelined batch of a test is
     * not lost (KAFKA-15591). Consumers see these records first and must skip them, as the roles do.
     */
    public static void createTopics(Map<String, Integer> nameToPartitions) {
        TopicSetup.create(bootstrapServers(), nameToPartitions);
    }

    /** {@code base-<n>-<random>}: a topic, group or database name no other test of this JVM uses. */
    public static String uniqueName(String base) {
        return base + "-" + SEQUENCE.incrementAndGet() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    }

    /**
     * Reads {@code topic} from the beginning of every partition (read_committed, no group, noop
     * records skipped) until at least {@code atLeast} records arrived or {@code timeout} passed,
     * and returns what was read; the caller asserts on it.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast, Duration timeout) {
        return RecordReader.read(bootstrapServers(), topic, atLeast, timeout);
    }

    /** As {@link #readAll}, then on to every partition's last stable offset: what a test must see all of, extras included. */
    public static List<ConsumerRecord<byte[], byte[]>> readAllToEnd(String topic, int atLeast, Duration timeout) {
        return RecordReader.read(bootstrapServers(), topic, atLeast, timeout, true);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit; the directory is under java.io.tmpdir
        }
    }
}
