package io.influxha.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fault suite's configuration: Kafka's failure detection shortened through
 * {@code kafka.client_overrides} (a killed writer or router is noticed after 6 s, the broker's
 * minimum, instead of 45 s; an orphaned router transaction is aborted after 10 s), backends'
 * request timeout shortened so a SIGSTOPped backend is noticed quickly.
 */
final class FaultSuiteConfig {
    private FaultSuiteConfig() {}

    static Path write(Path dir, int gatewayPort, URI a, URI b) throws IOException {
        Path config = dir.resolve("influx-ha.yaml");
        Files.writeString(config, """
                data_dir: %s
                kafka:
                  topic_prefix: faults
                  partitions: 3
                  client_overrides:
                    session.timeout.ms: 6000
                    heartbeat.interval.ms: 1000
                    transaction.timeout.ms: 10000
                gateway:
                  listen: 127.0.0.1:%d
                  publish_timeout: 5s
                backends:
                  - name: a
                    url: %s
                    request_timeout: 5s
                  - name: b
                    url: %s
                    request_timeout: 5s
                shards:
                  - name: main
                    replicas: [a, b]
                    measurements: ["*"]
                writer:
                  flush_interval: 50ms
                  retry_max_backoff: 1s
                """.formatted(dir.resolve("data"), gatewayPort, a, b));
        return config;
    }
}
