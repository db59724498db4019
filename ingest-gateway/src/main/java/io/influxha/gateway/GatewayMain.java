package io.influxha.gateway;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.Set;

/** {@code influx-ha gateway -c FILE}: config, Kafka address, topics, then serve until SIGTERM. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        Gateway gateway;
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            gateway = Gateway.start(config, Startup.kafka(config));
        } catch (StartupException | IllegalStateException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
    }
}
