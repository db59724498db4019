package io.influxha.launcher.bench;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run measured. {@code seconds} runs from the start to the last acknowledgement.
 *
 * @param latencyMicros ack latency of every answered request, in microseconds
 * @param errors failed requests by HTTP status, or {@code io:<exception>} when there was no answer
 */
record BenchResult(long points, long requests, double seconds, Histogram latencyMicros, Map<String, Long> errors,
                   long startNanos, long lastAckNanos) {

    double pointsPerSecond() {
        return seconds <= 0 ? 0 : points / seconds;
    }

    /** {@code p50=1.20ms p99=3.40ms p99.9=5.10ms max=9.00ms}, or {@code no answers} for an empty histogram. */
    static String latency(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "no answers";
        }
        return String.format("p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms", ms(micros, 50), ms(micros, 99), ms(micros, 99.9),
                micros.getMaxValue() / 1000.0);
    }

    /** {@code none}, or {@code 500=3 io:ConnectException=1} in status order. */
    static String errors(Map<String, Long> errors) {
        if (errors.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        errors.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    static double ms(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
