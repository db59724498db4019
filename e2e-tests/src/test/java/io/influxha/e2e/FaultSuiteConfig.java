package io.influxha.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The fault suite's configuration: Kafka's failure detection shortened through
 * {@code kafka.client_overrides} (a killed writer or router is noticed after 6 s, the broker's
 * minimum, instead of 45 s; an orphaned router transaction is aborted after 10 s), backends'
 * request timeout shortened so a SIGSTOPped backend is noticed quickly, and the time a request
 * given up on is assumed able to land ({@code writer.late_write_bound}) cut to the session timeout
 * less a heartbeat (5 s), so partitions moved from a killed writer are written at once.
 */
final class FaultSuiteConfig {
    private FaultSuiteConfig() {}

    static Path write(Path dir, int gatewayPort, URI a, URI b) throws IOException {
        return fastFailover("faults", 3).write(dir, gatewayPort, a, b);
    }

    /** An all-in-one configuration with the fault suite's short failure detection, to add to. */
    static AllInOneConfig fastFailover(String prefix, int partitions) {
        return AllInOneConfig.of(prefix, partitions)
                .kafka("""
                        client_overrides:
                          session.timeout.ms: 6000
                          heartbeat.interval.ms: 1000
                          transaction.timeout.ms: 10000
                        """)
                .gateway("publish_timeout: 5s")
                .backendA("request_timeout: 5s")
                .backendB("request_timeout: 5s")
                .retryMaxBackoff("1s")
                .lateWriteBound("5s");
    }
}
