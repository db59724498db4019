package io.influxha.gateway;

import io.influxha.core.Bootstrap;
import io.influxha.core.TopicAdmin;
import io.influxha.core.config.ConfigException;
import io.influxha.core.config.ConfigLoader;
import io.influxha.core.config.InfluxHaConfig;
import java.nio.file.Path;

/** {@code influx-ha gateway -c FILE}: config, Kafka address, topics, then serve until SIGTERM. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("-c")) {
            System.err.println("usage: gateway -c FILE");
            System.exit(2);
        }
        InfluxHaConfig config;
        String bootstrap;
        try {
            config = ConfigLoader.load(Path.of(args[1]));
            bootstrap = Bootstrap.resolve(config);
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
            return;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            TopicAdmin.ensureAll(bootstrap, config);
            gateway = Gateway.start(config, bootstrap);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
    }
}
