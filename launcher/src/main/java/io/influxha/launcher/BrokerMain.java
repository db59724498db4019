package io.influxha.launcher;

import io.influxha.broker.BrokerProcessMain;
import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.Set;

/**
 * {@code broker -c FILE}: the embedded single-node broker alone, data under {@code data_dir/kafka},
 * its address written to {@code data_dir/kafka/bootstrap} for the roles started beside it.
 */
final class BrokerMain {
    private BrokerMain() {}

    static void main(String[] args) {
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            if (!config.kafka().embedded()) {
                throw new StartupException("kafka.bootstrap_servers is \"" + config.kafka().bootstrapServers()
                        + "\": the embedded broker serves only configurations that leave it empty");
            }
            BrokerProcessMain.runUntilStopped(config.dataDir());
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
        }
    }
}
