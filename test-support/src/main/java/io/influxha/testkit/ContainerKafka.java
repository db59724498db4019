package io.influxha.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Docker container. Only this class touches Testcontainers, and it is loaded only once
 * a Docker engine looks reachable, so a test JVM without Docker never initialises Testcontainers.
 */
final class ContainerKafka {
    static final String IMAGE = System.getProperty("influxha.test.kafka.image", "apache/kafka-native:4.1.0");

    private ContainerKafka() {}

    /** Broker settings matching the embedded broker's (see io.influxha.broker.BrokerProperties). */
    static KafkaContainer newContainer() {
        return new KafkaContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("apache/kafka"))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", "8388608");
    }

    /** Starts a container for the rest of this JVM's life and returns its bootstrap address. */
    static String start() {
        KafkaContainer container = newContainer();
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "influxha-kafka-container-stop"));
        return container.getBootstrapServers();
    }

    /**
     * Cheap check first (no DOCKER_HOST, no socket, no Testcontainers config means no Docker) so
     * that Testcontainers' own probe, which logs errors when it fails, runs only when it may succeed.
     */
    static boolean dockerAvailable() {
        String home = System.getProperty("user.home");
        boolean hint = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
        return hint && DockerClientFactory.instance().isDockerAvailable();
    }
}
