package io.influxha.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's steady load: every 100 ms, one Telegraf-like batch (cpu, mem, disk, net of a few
 * hosts) without timestamps, so the gateway stamps them, posted to {@code /write}. One request in
 * flight at a time; a rejected or failed batch is counted, not retried.
 */
final class DemoLoad implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoLoad.class);
    private static final String[] HOSTS = {"web-1", "web-2", "db-1", "db-2", "cache-1"};

    private final HttpClient http = io.influxha.core.BackendHttp.client(Duration.ofSeconds(2));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-load");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(42);
    private final URI writeUri;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private final URI createUri;

    DemoLoad(URI gateway, String db) {
        this.writeUri = gateway.resolve("/write?db=" + db + "&precision=ms");
        this.createUri = gateway.resolve("/query?q=CREATE+DATABASE+%22" + db + "%22");
    }

    /** Creates the database through the gateway first, as Telegraf does at start, then loads. */
    void start() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(createUri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("event=demo_create_database_failed status={} body=\"{}\"", response.statusCode(), response.body().trim());
            }
        } catch (IOException e) {
            log.warn("event=demo_create_database_failed error=\"{}\"", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        timer.scheduleWithFixedDelay(this::sendOne, 0, 100, TimeUnit.MILLISECONDS);
    }

    long pointsAcknowledged() {
        return acknowledged.get();
    }

    long batchesFailed() {
        return failed.get();
    }

    private void sendOne() {
        StringBuilder body = new StringBuilder();
        int points = 0;
        for (String host : HOSTS) {
            double idle = 40 + random.nextDouble() * 55;
            body.append("cpu,host=").append(host).append(",cpu=cpu-total usage_idle=").append(round(idle))
                    .append(",usage_user=").append(round((100 - idle) * 0.7)).append(",usage_system=")
                    .append(round((100 - idle) * 0.3)).append('\n');
            body.append("mem,host=").append(host).append(" used_percent=").append(round(20 + random.nextDouble() * 60))
                    .append(",available=").append(1_000_000_000L + random.nextInt(1_000_000_000)).append("i\n");
            body.append("disk,host=").append(host).append(",path=/,fstype=ext4 used_percent=")
                    .append(round(50 + random.nextDouble() * 10)).append(",inodes_free=").append(100_000 + random.nextInt(1000)).append("i\n");
            body.append("net,host=").append(host).append(",interface=eth0 bytes_recv=")
                    .append(System.nanoTime() / 1000).append("i,up=true\n");
            points += 4;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(writeUri).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                acknowledged.addAndGet(points);
            } else {
                failed.incrementAndGet();
                log.warn("event=demo_write_failed status={} body=\"{}\"", response.statusCode(), response.body().trim());
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String round(double v) {
        return Double.toString(Math.round(v * 100) / 100.0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
