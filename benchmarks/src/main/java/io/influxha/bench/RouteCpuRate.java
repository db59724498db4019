package io.influxha.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link RouterRecordBenchmark}'s work in lines per second of this thread's CPU time, which a
 * shared, oversubscribed machine disturbs far less than JMH's wall-clock score.
 * Arguments: [rounds] (default 40) [shape: telegraf|short] [mode: false (parse, new batches) |
 * true (parse, reused batches) | checked (scan of gateway-checked records, reused batches)], each
 * round routing the 5000-line body 100 times.
 */
public final class RouteCpuRate {
    private RouteCpuRate() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        RouterRecordBenchmark bench = new RouterRecordBenchmark();
        bench.shape = args.length > 1 ? args[1] : "telegraf";
        String mode = args.length > 2 ? args[2] : "false";
        boolean reuse = Boolean.parseBoolean(mode);
        boolean checked = mode.equals("checked");
        bench.setUp();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < 100; k++) {
                sink += checked ? bench.routeAllChecked() : bench.routeAll(reuse);
            }
            best = Math.max(best, 100.0 * LineProtocolBenchmark.LINES / ((mx.getCurrentThreadCpuTime() - cpu0) / 1e9));
        }
        System.out.printf("shape=%s mode=%s best lines_per_cpu_second=%.0f checksum=%d%n", bench.shape, mode, best, sink);
    }
}
