package io.influxha.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Latency of the writes a gateway refuses, one request at a time over one keep-alive connection:
 * a write to a database that does not exist (404) and one to a retention policy the database does
 * not have (500; 204 before influx-ha checked policies). Prints, per case, the statuses seen and
 * p50/p90/p99/p99.9/max in ms (HdrHistogram, from send to the whole answer read), and how many
 * catalog offset lookups the gateway made meanwhile ({@code influxha_gateway_catalog_end_lookups_total}
 * from its /metrics; "n/a" for a gateway without that counter).
 * <p>Arguments: gateway URL, requests per case (1000), warm-up requests per case (100), an existing
 * database (refusal_db).
 */
public final class RefusalLatency {
    private static final Pattern LOOKUPS = Pattern.compile("(?m)^influxha_gateway_catalog_end_lookups_total(?:\\{[^}]*})? ([0-9.eE+]+)$");
    private static final HttpClient CLIENT = io.influxha.core.BackendHttp.client(Duration.ofSeconds(10));

    private RefusalLatency() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8086");
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        String db = args.length > 3 ? args[3] : "refusal_db";
        run(base, "unknown_database", "/write?db=refusal_no_such_db", requests, warmup);
        run(base, "unknown_retention_policy", "/write?db=" + db + "&rp=refusal_no_such_rp", requests, warmup);
    }

    private static void run(URI base, String name, String path, int requests, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            send(base.resolve(path));
        }
        String before = lookups(base);
        Histogram latency = new Histogram(60_000_000_000L, 3);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            int status = send(base.resolve(path));
            latency.recordValue(System.nanoTime() - start);
            statuses.merge(status, 1, Integer::sum);
        }
        String after = lookups(base);
        String lookups = before.equals("n/a") || after.equals("n/a") ? "n/a"
                : Long.toString(Math.round(Double.parseDouble(after) - Double.parseDouble(before)));
        System.out.printf("result case=%s requests=%d statuses=%s p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f "
                + "catalog_end_lookups=%s%n", name, requests, statuses.toString().replace(" ", ""), ms(latency, 50), ms(latency, 90),
                ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1e6, lookups);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private static int send(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("refusal,host=a v=1")).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String lookups(URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = LOOKUPS.matcher(r.body());
        return r.statusCode() == 200 && m.find() ? m.group(1) : "n/a";
    }
}
