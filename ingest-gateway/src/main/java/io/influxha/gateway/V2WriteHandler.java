package io.influxha.gateway;

import io.influxha.core.lp.Precision;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * {@code POST /api/v2/write}, InfluxDB 1.8's serveWriteV2: the 2.x write API mapped onto 1.x.
 * {@code bucket} is {@code db} or {@code db/rp}, {@code org} is ignored, {@code precision} takes the
 * 2.x names ({@code ns, us, ms, s}); then everything is {@code /write}. Credentials in
 * {@code Authorization: Token user:pass} are the auth layer's business, not this handler's.
 * One deliberate difference: 1.8 writes the 400 for an unknown precision and carries on writing
 * the points; here the request stops at the 400, as on {@code /write}.
 */
final class V2WriteHandler {
    private final WriteHandler writes;

    V2WriteHandler(WriteHandler writes) {
        this.writes = writes;
    }

    void handle(Context ctx) throws IOException {
        String precisionParam = WriteHandler.param(ctx, "precision");
        Precision precision = Precision.fromV2Param(precisionParam).orElseThrow(() -> RejectedRequestException.badRequest(
                "invalid precision " + InfluxErrors.goQuote(precisionParam) + " (use ns, us, ms or s)"));
        Bucket bucket = Bucket.parse(WriteHandler.param(ctx, "bucket"));
        writes.write(ctx, bucket.db(), bucket.rp(), precision);
    }

    /** A 2.x bucket name as 1.8's bucket2dbrp reads it: {@code db}, or {@code db/rp} split at the first slash. */
    record Bucket(String db, String rp) {
        static Bucket parse(String bucket) {
            int slash = bucket.indexOf('/');
            if (slash < 0) {
                if (bucket.isEmpty()) {
                    throw RejectedRequestException.notFound("bucket name " + InfluxErrors.goQuote(bucket)
                            + " is missing a slash; not in \"database/retention-policy\" format");
                }
                return new Bucket(bucket, "");
            }
            String db = bucket.substring(0, slash);
            if (db.isEmpty()) {
                throw RejectedRequestException.notFound("bucket name " + InfluxErrors.goQuote(bucket)
                        + " is in db/rp form but has an empty database");
            }
            return new Bucket(db, bucket.substring(slash + 1));
        }
    }
}
