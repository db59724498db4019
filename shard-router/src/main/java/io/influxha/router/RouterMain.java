package io.influxha.router;

import io.influxha.core.CommandLine;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.Topics;
import io.influxha.core.config.HostPort;
import io.influxha.core.config.InfluxHaConfig;
import io.influxha.core.config.ShardRules;
import io.influxha.core.health.RoleListener;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** {@code influx-ha router -c FILE}: config, topics, then the routing topology until SIGTERM. */
public final class RouterMain {
    private static final Logger log = LoggerFactory.getLogger(RouterMain.class);

    private RouterMain() {}

    /** For {@code java -cp ... RouterMain -c FILE} (RouterIT); {@code bin/influx-ha router} parses its options and calls {@link #run}. */
    public static void main(String[] args) throws InterruptedException {
        try {
            System.exit(run(Startup.config(CommandLine.parse(args, Set.of("--config")).config())));
        } catch (StartupException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
        }
    }

    /** {@link #run(InfluxHaConfig, HostPort)} on {@code router.listen}. */
    public static int run(InfluxHaConfig config) throws InterruptedException {
        return run(config, config.router().listen());
    }

    /**
     * Serves {@code /health} and {@code /metrics} on {@code listen}, then routes until SIGTERM;
     * returns the exit code: 0 once stopped, 1 when the topology failed (nothing half-written;
     * restart it). {@code /health} says {@code fail} from the failure until the listener closes.
     *
     * @throws StartupException when {@code listen} cannot be bound or Kafka cannot be reached
     */
    public static int run(InfluxHaConfig config, HostPort listen) throws InterruptedException {
        try (RoleListener listener = RoleListener.start("router", listen, "router.listen")) {
            Router router = Router.start(config, Startup.kafka(config));
            Runtime.getRuntime().addShutdownHook(new Thread(router::close, "router-shutdown"));
            if (!router.awaitTermination()) {
                return 0;
            }
            // the same line as all's supervisor: what an operator (and SupervisionIT) reads for "exit 1"
            log.error("event=role_failed role=router name=router reason=\"{}\" action=stop_process exit_code=1",
                    router.failure().orElse("unknown"));
            return 1;
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
