package io.influxha.bench;

import io.influxha.core.config.ShardRules;
import io.influxha.core.config.ShardSettings;
import io.influxha.core.lp.CheckedLines;
import io.influxha.core.lp.LineBatch;
import io.influxha.core.lp.LineProtocolParser;
import io.influxha.core.lp.PointSink;
import io.influxha.core.lp.Precision;
import io.influxha.core.lp.SeriesKeys;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The router's per-record work outside Kafka Streams, rebuilt from the public pieces the
 * shard-router's package-private {@code RoutingProcessor}/{@code PointGroups} use: parse the
 * ingest record (ns), find the measurement (byte compare with the previous line, else
 * {@code SeriesKeys.measurement} + {@code ShardRules.shardFor}, cached per record), partition by
 * {@code floorMod(SeriesKeys.hash, 6)}, append to one {@link LineBatch} per partition, copy each
 * batch out as the forwarded value. Records are what the gateway publishes: the 5000-line body
 * split into one record per measurement. One operation = one line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RouterRecordBenchmark {
    static final int PARTITIONS = 6;

    @Param({"telegraf", "short"})
    public String shape;

    private final LineProtocolParser parser = new LineProtocolParser();
    private final ShardRules rules = ShardRules.of(List.of(
            new ShardSettings("hot", List.of("a", "b"), List.of("cpu", "disk?", "/^net(_|$)/")),
            new ShardSettings("main", List.of("a", "b"), List.of("*"))));
    private final Groups groups = new Groups(false);
    private final Groups reusing = new Groups(true);
    private List<byte[]> records;

    @Setup
    public void setUp() {
        records = splitByMeasurement(TelegrafBody.build(shape, LineProtocolBenchmark.LINES));
    }

    /** As the router does it today: new batches for every record. */
    @Benchmark
    @OperationsPerInvocation(LineProtocolBenchmark.LINES)
    public void routeRecords(Blackhole bh) {
        route(groups, bh);
    }

    /** The candidate change: batches kept per measurement and reset between records. */
    @Benchmark
    @OperationsPerInvocation(LineProtocolBenchmark.LINES)
    public void routeRecordsReusingBatches(Blackhole bh) {
        route(reusing, bh);
    }

    /** The router today for records the gateway marked {@code lines: checked}: a scan instead of a parse. */
    @Benchmark
    @OperationsPerInvocation(LineProtocolBenchmark.LINES)
    public void routeCheckedRecords(Blackhole bh) {
        for (byte[] record : records) {
            reusing.start();
            CheckedLines.scan(record, 0, record.length, reusing);
            for (LineBatch batch : reusing.used) {
                bh.consume(batch.toByteArray());
            }
        }
    }

    private void route(Groups g, Blackhole bh) {
        for (byte[] record : records) {
            g.start();
            parser.parse(record, 0, record.length, Precision.NANOSECONDS, 0L, g);
            for (LineBatch batch : g.used) {
                bh.consume(batch.toByteArray());
            }
        }
    }

    /** The same work outside JMH (RouteCpuRate): returns the bytes forwarded, so nothing is optimised away. */
    long routeAll(boolean reuse) {
        Groups g = reuse ? reusing : groups;
        long bytes = 0;
        for (byte[] record : records) {
            g.start();
            parser.parse(record, 0, record.length, Precision.NANOSECONDS, 0L, g);
            for (LineBatch batch : g.used) {
                bytes += batch.toByteArray().length;
            }
        }
        return bytes;
    }

    /** {@link #routeCheckedRecords}'s work outside JMH (RouteCpuRate). */
    long routeAllChecked() {
        long bytes = 0;
        for (byte[] record : records) {
            reusing.start();
            CheckedLines.scan(record, 0, record.length, reusing);
            for (LineBatch batch : reusing.used) {
                bytes += batch.toByteArray().length;
            }
        }
        return bytes;
    }

    /** PointGroups' logic: per (measurement, partition) batches in order of first appearance. */
    final class Groups implements PointSink, CheckedLines.Sink {
        private final boolean reuse;
        final Map<String, LineBatch[]> byName = new HashMap<>();
        final List<LineBatch> used = new ArrayList<>();
        private LineBatch[] last;
        private int lastStart;
        private int lastEnd;

        Groups(boolean reuse) {
            this.reuse = reuse;
        }

        void start() {
            used.forEach(LineBatch::reset);
            used.clear();
            if (!reuse) {
                byName.clear();
            }
            last = null;
        }

        @Override
        public void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long ts) {
            batch(buf, start, measurementEnd, seriesEnd).append(buf, start, fieldsEnd, ts);
        }

        @Override
        public void line(byte[] buf, int start, int measurementEnd, int seriesEnd, int lineEnd) {
            batch(buf, start, measurementEnd, seriesEnd).appendLine(buf, start, lineEnd + 1);
        }

        private LineBatch batch(byte[] buf, int start, int measurementEnd, int seriesEnd) {
            LineBatch[] byPartition = last;
            if (last == null || !Arrays.equals(buf, start, measurementEnd, buf, lastStart, lastEnd)) {
                String name = SeriesKeys.measurement(buf, start, measurementEnd);
                byPartition = byName.computeIfAbsent(name + "@" + rules.shardFor(name), k -> new LineBatch[PARTITIONS]);
                last = byPartition;
            }
            lastStart = start;
            lastEnd = measurementEnd;
            int partition = Math.floorMod(SeriesKeys.hash(buf, start, seriesEnd), PARTITIONS);
            LineBatch batch = byPartition[partition];
            if (batch == null) {
                batch = new LineBatch(buf.length / PARTITIONS + buf.length / (4 * PARTITIONS) + 256);
                byPartition[partition] = batch;
            }
            if (batch.points() == 0) {
                used.add(batch);
            }
            return batch;
        }
    }

    /** The gateway's grouping: one record per measurement, lines in their order. */
    static List<byte[]> splitByMeasurement(byte[] body) {
        Map<String, ByteArrayOutputStream> out = new java.util.LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                int end = start;
                while (body[end] != ',' && body[end] != ' ') {
                    end++;
                }
                out.computeIfAbsent(new String(body, start, end - start), k -> new ByteArrayOutputStream())
                        .write(body, start, i + 1 - start);
                start = i + 1;
            }
        }
        return out.values().stream().map(ByteArrayOutputStream::toByteArray).toList();
    }
}
