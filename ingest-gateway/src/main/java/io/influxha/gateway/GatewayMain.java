package io.influxha.gateway;

import io.influxha.core.KafkaCluster;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.UntilStopped;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.LagGauges;
import java.time.Duration;

/**
 * {@code influx-ha gateway -c FILE}: config, Kafka address, topics, then serve until SIGTERM. The
 * gateway's {@code /metrics} also carries every backend's lag gauges ({@code all} starts them once
 * for the whole node instead).
 */
public final class GatewayMain {
    private GatewayMain() {}

    /**
     * Serves until SIGTERM; returns the exit code, 0.
     *
     * @throws StartupException when Kafka cannot be reached or {@code gateway.listen} is taken
     */
    public static int run(InfluxHaConfig config) throws InterruptedException {
        KafkaCluster kafka = Startup.kafka(config);
        Gateway gateway;
        LagGauges lag;
        try {
            gateway = Gateway.start(config, kafka);
            lag = LagGauges.start(config, kafka, Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
        UntilStopped.await("gateway-shutdown", () -> {
            gateway.close();
            lag.close();
        });
        return 0;
    }
}
