package io.influxha.launcher;

import io.influxha.broker.BrokerProcessMain;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code broker -c FILE}: the embedded single-node broker alone, data under {@code data_dir/kafka},
 * its address written to {@code data_dir/kafka/bootstrap} for the roles started beside it.
 */
@Command(name = "broker", description = {"The embedded single-node Kafka broker alone, until SIGTERM.",
        "For roles started as separate processes: its address goes to data_dir/kafka/bootstrap."})
final class BrokerMain implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        InfluxHaConfig loaded = config.load();
        if (!loaded.kafka().embedded()) {
            throw new StartupException("kafka.bootstrap_servers is \"" + loaded.kafka().bootstrapServers()
                    + "\": the embedded broker serves only configurations that leave it empty");
        }
        BrokerProcessMain.runUntilStopped(loaded.dataDir());
        return 0;
    }
}
