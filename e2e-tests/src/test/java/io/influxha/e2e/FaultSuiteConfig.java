package io.influxha.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The fault suite's configuration: Kafka's failure detection as influx-ha sets it by default (a
 * killed writer or router is noticed after the 6 s session timeout, a killed router's open
 * transaction is aborted 5 s after it began), backends' request timeout shortened so a SIGSTOPped
 * backend is noticed quickly, and the time a request given up on is assumed able to land
 * ({@code writer.late_write_bound}) cut to match: 10 s in the suite, so a partition taken over from
 * a killed writer is written at once and written again after a 6 s takeover window.
 */
final class FaultSuiteConfig {
    private FaultSuiteConfig() {}

    static Path write(Path dir, int gatewayPort, URI a, URI b) throws IOException {
        return fastFailover("faults", 3).lateWriteBound("10s").write(dir, gatewayPort, a, b);
    }

    /**
     * An all-in-one configuration with the default group settings, short backend timeouts and a
     * late-write bound of 5 s (a takeover window of 1 s), to add to.
     */
    static AllInOneConfig fastFailover(String prefix, int partitions) {
        return AllInOneConfig.of(prefix, partitions)
                .gateway("publish_timeout: 5s")
                .backendA("request_timeout: 5s")
                .backendB("request_timeout: 5s")
                .retryMaxBackoff("1s")
                .lateWriteBound("5s");
    }
}
