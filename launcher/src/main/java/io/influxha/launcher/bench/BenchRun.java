package io.influxha.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One load run: {@code concurrency} threads each take the next batch number, build its body and
 * POST it, one request in flight per thread. With a {@code rate}, batch {@code b} is not sent
 * before {@code start + b * batch / rate}. Latency is measured from the send to the answer, for
 * answered requests of any status; only 2xx count as acknowledged points.
 */
final class BenchRun {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final BenchOptions options;
    private final LoadShape shape;
    private final HttpClient http;
    private final URI writeUri;
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final Histogram total = new Histogram(3_600_000_000L, 3);
    private final AtomicLong nextBatch = new AtomicLong();
    private final LongAdder acked = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong lastAckNanos = new AtomicLong();
    private long startNanos;
    private long deadlineNanos;

    BenchRun(BenchOptions options, LoadShape shape, HttpClient http) {
        this.options = options;
        this.shape = shape;
        this.http = http;
        this.writeUri = URI.create(options.url() + "/write?db=" + URLEncoder.encode(options.db(), StandardCharsets.UTF_8)
                + "&precision=" + options.precision());
    }

    /** Runs to completion, printing a progress line every {@code options.progress()}. */
    BenchResult run() throws InterruptedException {
        startNanos = System.nanoTime();
        deadlineNanos = options.duration().isZero() ? Long.MAX_VALUE : startNanos + options.duration().toNanos();
        Thread[] workers = new Thread[options.concurrency()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(this::work, "bench-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
        Progress progress = new Progress(startNanos);
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                worker.join(Math.max(1, options.progress().toMillis()));
                if (worker.isAlive() || progress.due()) {
                    progress.print(acked.sum(), addInterval(), errorCount());
                }
            }
        }
        addInterval();
        long end = lastAckNanos.get() == 0 ? System.nanoTime() : lastAckNanos.get();
        return new BenchResult(acked.sum(), requests.sum(), (end - startNanos) / 1e9, total.copy(), errorsByStatus(),
                startNanos, end);
    }

    private Histogram addInterval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    private void work() {
        LoadShape.Body body = new LoadShape.Body(options.batch() * 64);
        long limit = options.points() == 0 ? Long.MAX_VALUE : options.points();
        while (true) {
            long b = nextBatch.getAndIncrement();
            long first = b * options.batch();
            if (first >= limit || !pace(first)) {
                return;
            }
            shape.body(first, (int) Math.min(options.batch(), limit - first), body);
            send(body, (int) Math.min(options.batch(), limit - first));
        }
    }

    /** Waits until the point {@code first} is due at the offered rate; false when the run is over first. */
    private boolean pace(long first) {
        if (options.rate() > 0) {
            long due = startNanos + (long) (first * 1e9 / options.rate());
            for (long now = System.nanoTime(); now < due && now < deadlineNanos; now = System.nanoTime()) {
                LockSupport.parkNanos(Math.min(due, deadlineNanos) - now);
            }
        }
        return System.nanoTime() < deadlineNanos;
    }

    private void send(LoadShape.Body body, int points) {
        HttpRequest.Builder request = HttpRequest.newBuilder(writeUri).timeout(REQUEST_TIMEOUT);
        if (options.gzip()) {
            request.header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body.gzipped().toByteArray()));
        } else {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes(), 0, body.size()));
        }
        long sent = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            long now = System.nanoTime();
            recorder.recordValue(Math.max(1, (now - sent) / 1000));
            requests.increment();
            if (response.statusCode() / 100 == 2) {
                acked.add(points);
                lastAckNanos.accumulateAndGet(now, Math::max);
            } else {
                errors.computeIfAbsent(Integer.toString(response.statusCode()), k -> new LongAdder()).increment();
            }
        } catch (IOException e) {
            requests.increment();
            errors.computeIfAbsent("io:" + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            nextBatch.set(Long.MAX_VALUE / 2);
        }
    }

    private long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private Map<String, Long> errorsByStatus() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** One line per interval: elapsed, acknowledged points, interval rate and latency, errors. */
    private final class Progress {
        private final long start;
        private long lastNanos;
        private long lastPoints;

        Progress(long start) {
            this.start = start;
            this.lastNanos = start;
        }

        boolean due() {
            return System.nanoTime() - lastNanos >= options.progress().toNanos();
        }

        void print(long points, Histogram interval, long errors) {
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            System.out.printf("t=%.0fs points=%d rate=%.0f/s p50=%.1fms p99=%.1fms errors=%d%n", (now - start) / 1e9, points,
                    (points - lastPoints) / Math.max(seconds, 1e-9), interval.getValueAtPercentile(50) / 1000.0,
                    interval.getValueAtPercentile(99) / 1000.0, errors);
            lastNanos = now;
            lastPoints = points;
        }
    }
}
