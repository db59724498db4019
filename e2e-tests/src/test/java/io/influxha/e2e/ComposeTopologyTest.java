package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxha.e2e.ComposeFile.Service;
import io.influxha.e2e.ComposeTopology.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ComposeTopologyIT derives processes from {@code docker-compose config} output, without running any. */
class ComposeTopologyTest {
    @TempDir
    Path dir;

    private String output(Path config) {
        return """
                services:
                  kafka-1:
                    image: apache/kafka:4.4.0
                    environment:
                      KAFKA_PROCESS_ROLES: broker,controller
                      KAFKA_NODE_ID: '1'
                      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka-1:9092
                  influxdb-a:
                    image: influxdb:1.8
                  gateway-1:
                    image: influx-ha:latest
                    command: [gateway, -c, /etc/influx-ha/influx-ha.yaml]
                    environment:
                      INFLUXHA_INSTANCE_ID: gateway-1
                    volumes:
                    - CONFIG:/etc/influx-ha/influx-ha.yaml:ro
                    - data:/var/lib/influx-ha
                  grafana:
                    image: grafana/grafana:11.2.0
                """.replace("CONFIG", config.toString());
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("influx-ha.yaml"), yaml);
    }

    @Test
    void references_are_re_pointed_to_what_runs_each_service_here() throws IOException {
        Path config = config("""
                data_dir: ${DATA:-/var/lib/influx-ha}
                kafka: {bootstrap_servers: "${KAFKA:-kafka-1:9092}"}
                gateway: {listen: "${LISTEN:-0.0.0.0:8086}", instance_id: "${INFLUXHA_INSTANCE_ID:-gateway}"}
                backends: [{name: a, url: "http://${A:-influxdb-a:8086}"}]
                """);
        ComposeTopology t = new ComposeTopology(ComposeFile.parse(output(config)));
        t.mapBroker(t.brokers().get(0), "127.0.0.1:19092");
        t.map("influxdb-a", 8086, "127.0.0.1:18086");
        Service gateway = t.all(Kind.INFLUX_HA).get(0);

        Map<String, String> env = t.environment(gateway, () -> 40000, dir.resolve("gw"));

        assertThat(env).containsEntry("KAFKA", "127.0.0.1:19092").containsEntry("A", "127.0.0.1:18086")
                .containsEntry("LISTEN", "127.0.0.1:40000").containsEntry("DATA", dir.resolve("gw").toString())
                .containsEntry("INFLUXHA_INSTANCE_ID", "gateway-1");
        assertThat(t.addresses).containsEntry("gateway-1:8086", "127.0.0.1:40000");
        assertThat(ComposeTopology.arguments(gateway)).containsExactly("gateway", "-c", config.toString());
        assertThat(t.all(Kind.NOT_RUN)).extracting(Service::name).containsExactly("grafana");
    }

    @Test
    void a_service_neither_run_nor_listed_as_not_run_is_refused_by_name() throws IOException {
        String withRedis = output(config("x: 1")) + "  cache:\n    image: redis:7\n";
        assertThatThrownBy(() -> new ComposeTopology(ComposeFile.parse(withRedis)))
                .hasMessage("services ComposeTopology neither runs nor lists as not run: [cache (image redis:7)]");
    }

    @Test
    void a_host_no_service_here_serves_is_refused() throws IOException {
        ComposeTopology t = new ComposeTopology(ComposeFile.parse(output(config("kafka: {bootstrap_servers: \"${KAFKA:-kafka-9:9092}\"}"))));
        t.mapBroker(t.brokers().get(0), "127.0.0.1:19092");
        assertThatThrownBy(() -> t.environment(t.all(Kind.INFLUX_HA).get(0), () -> 1, dir))
                .hasMessage("gateway-1 ${KAFKA}: kafka-9:9092 is no address of a service run here (have [kafka-1:9092])");
    }

    @Test
    void a_reference_without_default_is_refused_since_the_stack_sets_no_such_variable() {
        assertThatThrownBy(() -> ComposeTopology.references("url: http://${HOST}:8086"))
                .hasMessage("${HOST} has no default: the compose stack sets no such variable");
    }

    @Test
    void a_broker_advertising_another_host_than_its_service_name_is_refused() throws IOException {
        ComposeTopology t = new ComposeTopology(ComposeFile.parse(output(config("x: 1")).replace("PLAINTEXT://kafka-1:9092", "PLAINTEXT://localhost:9092")));
        assertThatThrownBy(() -> t.mapBroker(t.brokers().get(0), "127.0.0.1:1"))
                .hasMessage("kafka-1 advertises PLAINTEXT://localhost:9092: expected PLAINTEXT://kafka-1:PORT");
    }
}
