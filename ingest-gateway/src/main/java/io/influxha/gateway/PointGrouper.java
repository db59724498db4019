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
 * points' order. Each record's bytes are charged to the request's memory reservation.
 */
final class PointGrouper implements PointSink {
    static final int RECORD_TARGET_BYTES = 1 << 20;

    private final String db;
    private final String rp;
    private final int recordTargetBytes;
    private final MemoryBudget.Reservation budget;
    private final Map<String, LineBatch> groups = new LinkedHashMap<>();
    private final List<IngestRecord> records = new ArrayList<>();
    private int points;

    // The previous point's raw measurement: bodies are usually sorted, so most points hit it.
    private byte[] lastBuf;
    private int lastStart;
    private int lastEnd;
    private String lastMeasurement;
    private LineBatch lastBatch;

    PointGrouper(String db, String rp, int recordTargetBytes, MemoryBudget.Reservation budget) {
        this.db = db;
        this.rp = rp;
        this.recordTargetBytes = recordTargetBytes;
        this.budget = budget;
    }

    @Override
    public void point(byte[] buf, int start, int measurementEnd, int seriesEnd, int fieldsEnd, long timestampNanos) {
        LineBatch batch = batchFor(buf, start, measurementEnd);
        batch.append(buf, start, fieldsEnd, timestampNanos);
        points++;
        if (batch.sizeBytes() >= recordTargetBytes) {
            cut(lastMeasurement, batch);
        }
    }

    /** Every record of the request, in the order their groups were first seen or filled. */
    List<IngestRecord> finish() {
        groups.forEach((measurement, batch) -> {
            if (batch.points() > 0) {
                cut(measurement, batch);
            }
        });
        return records;
    }

    int points() {
        return points;
    }

    private LineBatch batchFor(byte[] buf, int start, int measurementEnd) {
        if (lastBuf == buf && Arrays.equals(buf, lastStart, lastEnd, buf, start, measurementEnd)) {
            return lastBatch;
        }
        lastMeasurement = SeriesKeys.measurement(buf, start, measurementEnd);
        lastBatch = groups.computeIfAbsent(lastMeasurement, m -> new LineBatch());
        lastBuf = buf;
        lastStart = start;
        lastEnd = measurementEnd;
        return lastBatch;
    }

    private void cut(String measurement, LineBatch batch) {
        budget.grow(batch.sizeBytes());
        records.add(IngestRecord.data(db, rp, measurement, batch.toByteArray(), batch.points()));
        batch.reset();
    }
}
