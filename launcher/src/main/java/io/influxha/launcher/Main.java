package io.influxha.launcher;

import io.influxha.gateway.GatewayMain;
import io.influxha.router.RouterMain;
import io.influxha.writer.WriterMain;
import java.util.Arrays;

/** {@code bin/influx-ha COMMAND [options]}: dispatches to the role or tool named by the command. */
public final class Main {
    static final String USAGE = """
            usage: influx-ha COMMAND [options]
              all -c FILE                  gateway, router and one writer per backend in one process
                                           (embedded Kafka broker when kafka.bootstrap_servers is empty)
              broker -c FILE               the embedded single-node Kafka broker alone
              gateway -c FILE              the HTTP gateway alone
              router -c FILE               the shard router alone
              writer -c FILE --backend N   one writer for backend N
              check-config -c FILE         validate FILE, print every problem, exit 0 or 2
              status -c FILE               per backend and partition: committed, end, lag in records and seconds
              dlq list|replay -c FILE      dead letters, filtered by --backend N --reason TEXT --since/--until WHEN;
                                           replay republishes them to the ingest topic
              demo [--data-dir DIR]        embedded broker, two local influxd, gateway, load, live status
              bench [options]              load generator for /write (bench --help lists the options)
            """;

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "all" -> AllMain.main(rest);
            case "broker" -> BrokerMain.main(rest);
            case "gateway" -> GatewayMain.main(rest);
            case "router" -> RouterMain.main(rest);
            case "writer" -> WriterMain.main(rest);
            case "check-config" -> CheckConfigMain.main(rest);
            case "status" -> StatusMain.main(rest);
            case "dlq" -> DlqMain.main(rest);
            case "demo" -> DemoMain.main(rest);
            case "bench" -> io.influxha.launcher.bench.BenchMain.main(rest);
            default -> {
                System.err.println("influx-ha: unknown command \"" + args[0] + "\"\n" + USAGE);
                System.exit(2);
            }
        }
    }
}
