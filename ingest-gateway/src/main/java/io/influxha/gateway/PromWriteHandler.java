package io.influxha.gateway;

import io.influxha.core.lp.Precision;
import io.influxha.gateway.prom.RemoteWriteConverter;
import io.influxha.gateway.prom.RemoteWriteException;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code POST /api/v1/prom/write?db=&rp=}, InfluxDB 1.8's servePromWrite: the body is a snappy
 * block of a Prometheus remote-write WriteRequest, converted to line protocol
 * ({@link RemoteWriteConverter}) and then published exactly like a {@code /write} body, so a 204
 * means Kafka holds every sample. The decompressed WriteRequest may be at most a quarter of
 * max_body_size (413 beyond), so that its conversion, charged at {@value #CONVERSION_FACTOR} bytes
 * per decoded byte, always fits the in-flight budget (at least twice max_body_size) and a retry
 * can succeed; Prometheus sends far smaller batches (2000 samples, a few hundred KB). NaN and
 * ±Inf samples are dropped, as 1.8 drops them, and the request still answers 204.
 */
final class PromWriteHandler {
    /** Peak bytes the conversion holds per decompressed byte: the request, its line protocol as text and as UTF-8. */
    static final int CONVERSION_FACTOR = 4;

    private final WriteHandler writes;

    PromWriteHandler(WriteHandler writes) {
        this.writes = writes;
    }

    void handle(Context ctx) throws IOException {
        String db = WriteHandler.param(ctx, "db");
        if (db.isEmpty()) {
            throw RejectedRequestException.badRequest("database is required");
        }
        writes.write(ctx, db, WriteHandler.param(ctx, "rp"), Precision.NANOSECONDS, this::convert);
    }

    private BodyReader.Body convert(BodyReader.Body body, MemoryBudget.Reservation budget) {
        try {
            int decoded = RemoteWriteConverter.decodedLength(body.bytes(), body.length());
            long maxDecoded = writes.maxBodySize() / CONVERSION_FACTOR;
            if (decoded < 0 || decoded > maxDecoded) {
                throw RejectedRequestException.tooLarge();
            }
            budget.grow((long) decoded * CONVERSION_FACTOR);
            RemoteWriteConverter.Converted converted = RemoteWriteConverter.convert(body.bytes(), body.length(), maxDecoded);
            return new BodyReader.Body(converted.lines(), converted.lines().length);
        } catch (RemoteWriteException e) {
            throw RejectedRequestException.badRequest(e.getMessage());
        }
    }
}
