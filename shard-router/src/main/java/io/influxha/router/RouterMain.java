package io.influxha.router;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.Topics;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardRules;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** {@code influx-ha router -c FILE}: config, topics, then the routing topology until SIGTERM. */
public final class RouterMain {
    private RouterMain() {}

    public static void main(String[] args) throws InterruptedException {
        Router router;
        try {
            InfluxHaConfig config = Startup.config(CommandLine.parse(args, Set.of("--config")).config());
            router = Router.start(config, Startup.kafka(config));
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(router::close, "router-shutdown"));
        if (router.awaitTermination()) {
            System.exit(1);
        }
    }

    /**
     * ingest -> route -> shard topics / dead-letter topic. Stateless: no store, no repartition.
     *
     * @param partitionCounts shard name to the real partition count of its topic
     */
    static Topology buildTopology(String prefix, ShardRules rules, Map<String, Integer> partitionCounts,
                                  RouterCounters counters) {
        RouteTable routes = new RouteTable(prefix, rules::shardFor, partitionCounts);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ingest(prefix), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("ingest"))
                .process(() -> new RoutingProcessor(routes, counters), Named.as("route"))
                .to(Routed.TOPIC, Produced.with(Serdes.ByteArray(), Routed.SERDE)
                        .withStreamPartitioner(Routed.PARTITIONS).withName("shards-and-dlq"));
        return builder.build();
    }
}
