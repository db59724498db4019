package io.influxha.gateway;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.metrics.LagGauges;
import java.time.Duration;
import java.util.Set;

/**
 * {@code influx-ha gateway -c FILE}: config, Kafka address, topics, then serve until SIGTERM. The
 * gateway's {@code /metrics} also carries every backend's lag gauges ({@code all} starts them once
 * for the whole node instead).
 */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        Gateway gateway;
        LagGauges lag;
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            String bootstrap = Startup.kafka(config);
            gateway = Gateway.start(config, bootstrap);
            lag = LagGauges.start(config, bootstrap, Duration.ofSeconds(10));
        } catch (StartupException | IllegalStateException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            lag.close();
        }, "gateway-shutdown"));
    }
}
