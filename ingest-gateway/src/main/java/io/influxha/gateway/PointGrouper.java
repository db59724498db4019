package io.influxha.gateway;

import io.influxha.core.lp.LineBatch;
import io.influxha.core.lp.PointSink;
import io.influxha.core.lp.SeriesKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a request's valid points by measurement (db and rp are the request's) into one
 * {@link LineBatch} each, and turns each group into one ingest record. A group that reaches
 * {@code recordTargetBytes} is cut into a record and continued in the next one with the same key,
 * so no record approaches the producer's {@code max.request.size}; records of one key keep the
 * points' order. Every buffer (group batches and record values) is charged to the request's
 * memory reservation, so a body with a new measurement on every line is refused with 503 rather
 * than allowed to exhaust the heap.
 */
final class PointGrouper implements PointSink {
    static final int RECORD_TARGET_BYTES = 1 << 20;
    private static final int INITIAL_BATCH_BYTES = 256;
    /** A rough price of one group's map entry, key and objects besides its buffer. */
    private static final int GROUP_OVERHEAD_BYTES = 160;

    private final String db;
    private String rp;
    private final int recordTargetBytes;
    private final MemoryBudget.Reservation budget;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<IngestRecord> records = new ArrayList<>();
    private int points;

    // The previous point's raw measurement: bodies are usually sorted, so most points hit it.
    private byte[] lastBuf;
    private int lastStart;
    private int lastEnd;
    private Group last;

    /** A measurement's open batch and how much of its buffer the reservation already covers. */
    private static final class Group {
        final String measurement;
        final LineBatch batch = new LineBatch(INITIAL_BATCH_BYTES);
        int chargedCapacity;

        Group(String measurement) {
            this.measurement = measurement;
        }
    }

    PointGrouper(String db, String rp, int recordTargetBytes, MemoryBudget.Reservation budget) {
        this.db = db;
        this.rp = rp;
        this.recordTargetBytes = recordTargetBytes;
        this.budget = budget;
    }

    @Override
    public void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long timestampNanos) {
        Group group = groupFor(buf, start, measurementEnd);
        group.batch.append(buf, start, fieldsEnd, timestampNanos);
        points++;
        int capacity = group.batch.buffer().length;
        if (capacity > group.chargedCapacity) {
            budget.grow(capacity - group.chargedCapacity);
            group.chargedCapacity = capacity;
        }
        if (group.batch.sizeBytes() >= recordTargetBytes) {
            cut(group);
        }
    }

    /** Every record of the request, in the order their groups were first seen or filled. */
    /** As {@link #finish()}, the records naming policy {@code rp} (the request's, resolved) instead. */
    List<IngestRecord> finish(String rp) {
        if (!rp.equals(this.rp)) {
            records.replaceAll(r -> r.withRp(rp)); // records cut while parsing
            this.rp = rp;
        }
        return finish();
    }

    /**
     * As {@link #finish(String)}, each record also naming the database's incarnation
     * {@code incarnation} and the policy's {@code policyIncarnation}.
     */
    List<IngestRecord> finish(String rp, String incarnation, String policyIncarnation) {
        List<IngestRecord> out = finish(rp);
        out.replaceAll(r -> r.withIncarnations(incarnation, policyIncarnation));
        return out;
    }

    List<IngestRecord> finish() {
        for (Group group : groups.values()) {
            if (group.batch.points() > 0) {
                cut(group);
            }
        }
        return records;
    }

    int points() {
        return points;
    }

    private Group groupFor(byte[] buf, int start, int measurementEnd) {
        if (last != null && lastBuf == buf && Arrays.equals(buf, lastStart, lastEnd, buf, start, measurementEnd)) {
            return last;
        }
        String measurement = SeriesKeys.measurement(buf, start, measurementEnd);
        last = groups.get(measurement);
        if (last == null) {
            budget.grow(GROUP_OVERHEAD_BYTES);
            last = new Group(measurement);
            groups.put(measurement, last);
        }
        lastBuf = buf;
        lastStart = start;
        lastEnd = measurementEnd;
        return last;
    }

    private void cut(Group group) {
        budget.grow(group.batch.sizeBytes());
        records.add(IngestRecord.data(db, rp, group.measurement, group.batch.toByteArray(), group.batch.points()));
        group.batch.reset();
    }
}
