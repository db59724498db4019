package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.core.config.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker stops a container with SIGTERM, then SIGKILLs it after {@code stop_grace_period} (10 s by
 * default): every broker and every role of both compose files gets longer than its own graceful stop
 * takes (docs/operations.md, "Supervision and health"). The files are read with their anchors
 * merged, as Compose does, without running docker-compose.
 */
class ComposeStopTest {
    private static final Path ROOT = Path.of("..");
    /** A broker's controlled shutdown moves its leaders away; killed midway it can leave transactions hanging. */
    private static final Duration BROKER = Duration.ofSeconds(60);
    /** Room for the JVM's exit after a role's stop: the other shutdown hooks, the log flushed. */
    private static final Duration EXIT = Duration.ofSeconds(5);
    /**
     * The roles' stop bounds in the code, with the default {@code gateway.publish_timeout} (10 s).
     * Gateway: in-flight requests drained (publish_timeout + 10 s), Jetty's stop (publish_timeout
     * + 10 s), the ingest producer's close (30 s), the DDL producer's (5 s), the lag gauges' admin
     * (5 s). Router: Kafka Streams' close (30 s). Writer: its thread joined for 20 s + 15 s.
     */
    private static final Map<String, Duration> ROLE = Map.of(
            "gateway", Duration.ofSeconds(20 + 20 + 30 + 5 + 5).plus(EXIT),
            "router", Duration.ofSeconds(30).plus(EXIT),
            "writer", Duration.ofSeconds(35).plus(EXIT));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.cluster.yml"})
    void every_broker_and_role_gets_longer_than_its_graceful_stop_before_sigkill(String file) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve(file)));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            Duration needed = needed(e.getValue());
            if (needed == null) {
                continue;
            }
            checked++;
            Object grace = e.getValue().get("stop_grace_period");
            if (grace == null) {
                problems.add(file + " " + e.getKey() + ": no stop_grace_period (Docker's 10 s default), needs at least " + needed.toSeconds() + " s");
            } else if (Durations.parse(grace.toString()).compareTo(needed) < 0) {
                problems.add(file + " " + e.getKey() + ": stop_grace_period " + grace + ", needs at least " + needed.toSeconds() + " s");
            }
        }
        assertThat(checked).as("brokers and roles found in " + file).isGreaterThanOrEqualTo(5);
        assertThat(problems).isEmpty();
    }

    /** The least {@code stop_grace_period} {@code service} needs; null for services that are neither a broker nor a role. */
    private static Duration needed(Map<String, Object> service) {
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> env && env.containsKey("KAFKA_PROCESS_ROLES")) {
            return BROKER;
        }
        if (String.valueOf(service.get("image")).startsWith("influx-ha:") && service.get("command") instanceof List<?> command) {
            Duration role = ROLE.get(String.valueOf(command.get(0)));
            if (role == null) {
                throw new AssertionError("an influx-ha service runs " + command + ": add its stop bound to ComposeStopTest.ROLE");
            }
            return role;
        }
        return null;
    }
}
