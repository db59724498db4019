package io.influxha.bench;

import io.influxha.core.lp.LineBatch;
import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.ParseReport;
import io.influxha.core.lp.PointSink;
import io.influxha.core.lp.Precision;
import io.influxha.core.lp.SeriesKeys;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's hot path on a 5000-line Telegraf-like body. One JMH operation is one line, so
 * the score is lines per second and {@code gc.alloc.rate.norm} is bytes allocated per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LineProtocolBenchmark {
    static final int LINES = 5000;

    /** telegraf: cpu/mem/disk lines of ~257 bytes; short: one tag, one field, ~50 bytes. */
    @Param({"telegraf", "short"})
    public String shape;

    private final LineProtocolParser parser = new LineProtocolParser();
    private final LineBatch batch = new LineBatch(2 << 20);
    private byte[] body;
    private int[] starts;
    private int[] seriesEnds;

    @Setup
    public void setUp() {
        body = TelegrafBody.build(shape, LINES);
        starts = new int[LINES];
        seriesEnds = new int[LINES];
        int[] n = {0};
        ParseReport report = parser.parse(body, 0, body.length, Precision.NANOSECONDS, 0L,
                (buf, start, m, s, f, ts) -> {
                    starts[n[0]] = start;
                    seriesEnds[n[0]++] = s;
                });
        if (!report.ok() || report.points() != LINES) {
            throw new IllegalStateException("benchmark body does not parse: " + report.influxMessage());
        }
    }

    /** Validation only: every line scanned, offsets handed to a sink that consumes them. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public ParseReport parse(Blackhole bh) {
        return parser.parse(body, 0, body.length, Precision.NANOSECONDS, 0L,
                (buf, start, m, s, f, ts) -> bh.consume(f + ts));
    }

    /** What the gateway does per request: parse, hash the series, append to a record batch. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int parseHashAndBatch(Blackhole bh) {
        batch.reset();
        PointSink sink = (buf, start, m, s, f, ts) -> {
            bh.consume(SeriesKeys.hash(buf, start, s));
            batch.append(buf, start, f, ts);
        };
        parser.parse(body, 0, body.length, Precision.NANOSECONDS, 0L, sink);
        return batch.sizeBytes();
    }

    /** The partition-key hash alone, over series keys found beforehand. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void seriesHash(Blackhole bh) {
        for (int k = 0; k < LINES; k++) {
            bh.consume(SeriesKeys.hash(body, starts[k], seriesEnds[k]));
        }
    }
}
