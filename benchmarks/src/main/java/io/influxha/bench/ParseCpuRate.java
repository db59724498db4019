package io.influxha.bench;

import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Lines parsed per second of this thread's CPU time. On a shared, oversubscribed machine JMH's
 * wall-clock score mostly measures the scheduler; CPU time tells what one core does.
 * Arguments: [rounds] (default 60) [shape: telegraf|short], each round parsing the 5000-line body
 * 200 times.
 */
public final class ParseCpuRate {
    private ParseCpuRate() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        byte[] body = TelegrafBody.build(args.length > 1 ? args[1] : "telegraf", LineProtocolBenchmark.LINES);
        LineProtocolParser parser = new LineProtocolParser();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] sink = new long[1];
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < 200; k++) {
                parser.parse(body, 0, body.length, Precision.NANOSECONDS, 0L, (b, s, m, se, f, ts) -> sink[0] += f);
            }
            double seconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double rate = 200.0 * LineProtocolBenchmark.LINES / seconds;
            best = Math.max(best, rate);
            if (r >= rounds - 5) {
                System.out.printf("round=%d lines_per_cpu_second=%.0f MB_per_cpu_second=%.0f%n", r, rate, rate * body.length / LineProtocolBenchmark.LINES / 1e6);
            }
        }
        System.out.printf("best lines_per_cpu_second=%.0f body_bytes=%d bytes_per_line=%.1f checksum=%d%n",
                best, body.length, (double) body.length / LineProtocolBenchmark.LINES, sink[0]);
    }
}
