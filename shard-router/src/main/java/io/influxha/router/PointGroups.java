package io.influxha.router;

import io.influxha.core.lp.CheckedLines;
import io.influxha.core.lp.LineBatch;
import io.influxha.core.lp.PointSink;
import io.influxha.core.lp.SeriesKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the points of one input record into batches by (measurement, shard partition), keeping
 * the order of the points inside each batch and the order in which batches first appear. The
 * partition is {@code floorMod(SeriesKeys.hash(series), partitions)}: every point of a series goes
 * to one partition, and a busy measurement's series spread over all of them.
 *
 * <p>Hot path: consecutive lines of the same measurement (the normal case, one measurement per
 * record) are recognised by comparing raw bytes, so no String is built for them.
 */
final class PointGroups implements PointSink, CheckedLines.Sink {
    /** Bounds what spare batches keep between records: at most 32 of at most 256 KiB each. */
    private static final int MAX_SPARE = 32;
    private static final int MAX_SPARE_BYTES = 256 << 10;
    private final RouteTable routes;
    private final Map<String, Measurement> byName = new HashMap<>();
    private final List<Group> order = new ArrayList<>();
    /** Emptied batches of earlier records, reused: the output copies them, so only that copy is allocated per record. */
    private final ArrayDeque<LineBatch> spare = new ArrayDeque<>();
    private int bodyLength;
    private Measurement last;
    private int lastStart;
    private int lastEnd;

    PointGroups(RouteTable routes) {
        this.routes = routes;
    }

    /** One non-empty batch bound for one partition of one shard topic. */
    record Group(String measurement, Target target, int partition, LineBatch batch) {}

    private static final class Measurement {
        final String name;
        final Target target;
        final Group[] byPartition;

        Measurement(String name, Target target) {
            this.name = name;
            this.target = target;
            this.byPartition = new Group[target.partitions()];
        }
    }

    @Override
    public void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long timestampNanos) {
        group(buf, start, measurementEnd, seriesEnd).batch().append(buf, start, fieldsEnd, timestampNanos);
    }

    /** A line the gateway checked: copied as it is, its timestamp never parsed or printed again. */
    @Override
    public void line(byte[] buf, int start, int measurementEnd, int seriesEnd, int lineEnd) {
        group(buf, start, measurementEnd, seriesEnd).batch().appendLine(buf, start, lineEnd + 1);
    }

    private Group group(byte[] buf, int start, int measurementEnd, int seriesEnd) {
        Measurement m = measurement(buf, start, measurementEnd);
        int partition = Math.floorMod(SeriesKeys.hash(buf, start, seriesEnd), m.target.partitions());
        Group group = m.byPartition[partition];
        if (group == null) {
            LineBatch batch = spare.isEmpty() ? new LineBatch(capacity(m.target.partitions())) : spare.pop();
            group = new Group(m.name, m.target, partition, batch);
            m.byPartition[partition] = group;
            order.add(group);
        }
        return group;
    }

    private Measurement measurement(byte[] buf, int start, int end) {
        if (last != null && Arrays.equals(buf, start, end, buf, lastStart, lastEnd)) {
            lastStart = start;
            lastEnd = end;
            return last;
        }
        String name = SeriesKeys.measurement(buf, start, end);
        Measurement m = byName.get(name);
        if (m == null) {
            m = new Measurement(name, routes.forMeasurement(name));
            byName.put(name, m);
        }
        last = m;
        lastStart = start;
        lastEnd = end;
        return m;
    }

    /** The batches of the record, in order of first appearance. */
    List<Group> groups() {
        return order;
    }

    /** Starts a record of {@code bodyLength} bytes. */
    void start(int bodyLength) {
        clear();
        this.bodyLength = bodyLength;
    }

    /** A batch's share of the body when series spread evenly, with slack, so batches rarely grow. */
    private int capacity(int partitions) {
        return Math.min(bodyLength / partitions + bodyLength / (4 * partitions) + 256, 1 << 20);
    }

    /** Forgets the record (the body buffer changes with the next one); keeps some batches for the next. */
    void clear() {
        for (Group g : order) {
            if (spare.size() < MAX_SPARE && g.batch().buffer().length <= MAX_SPARE_BYTES) {
                g.batch().reset();
                spare.push(g.batch());
            }
        }
        byName.clear();
        order.clear();
        last = null;
    }
}
