package io.influxha.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReportTest {

    @Test
    void summarises_the_example_config() {
        InfluxHaConfig config = ConfigLoader.parse(ConfigLoaderTest.resource("full.yaml"),
                Map.of("INFLUX_PASSWORD", "s3cret", "KAFKA_JAAS", "jaas-secret")::get, Path.of("/base"));

        List<String> lines = ConfigReport.lines(config);

        assertThat(lines).containsExactly(
                "data_dir: /var/lib/influx-ha",
                "kafka: k1:9092, k2:9092,[::1]:9093, replication_factor 5, min_insync_replicas 3, "
                        + "client_overrides: compression.type, linger.ms, sasl.jaas.config",
                "gateway: listen 0.0.0.0:9096, max_body_size 50MiB, publish_timeout 1m30s",
                "backend eu-1: https://influx-eu-1.example:8086/influx gzip as writer, replicates cpu, rest, "
                        + "consumer group metrics.prod-writer-eu-1",
                "backend eu_2: http://influx-eu-2.example:8086, replicates rest, consumer group metrics.prod-writer-eu_2",
                "shard cpu: replicas eu-1; measurements cpu, cpu_*, /^proc(ess)?$/",
                "shard rest (default): replicas eu-1, eu_2; measurements *",
                "topic metrics.prod.ingest: 12 partitions",
                "topic metrics.prod.dlq: 12 partitions",
                "topic metrics.prod.catalog: 1 partition, compacted",
                "topic metrics.prod.shard.cpu: 12 partitions",
                "topic metrics.prod.shard.rest: 12 partitions");
        assertThat(String.join("\n", lines)).doesNotContain("s3cret").doesNotContain("jaas-secret");
    }
}
