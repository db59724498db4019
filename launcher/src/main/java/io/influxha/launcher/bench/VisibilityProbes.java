package io.influxha.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --visibility-probes N}: while the load runs, one thread writes N single-point requests
 * per second, {@code influxha_probe seq=<base+k>i <now>}, to the load's target; one poller per
 * replica asks {@code SELECT max(seq) FROM influxha_probe} every {@link #POLL_MILLIS} ms and
 * records in {@link ProbeTimes} when each probe was first seen (at the poll's answer, so the
 * figure may exceed the truth by up to one poll interval plus the query). {@code base} is the
 * wall clock in microseconds at the start, so probes of an earlier run in the same database are
 * below it and ignored.
 */
final class VisibilityProbes {
    static final long POLL_MILLIS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BenchOptions options;
    private final HttpClient http;
    private final ProbeTimes times;
    private final long base = System.currentTimeMillis() * 1000;
    private final LongAdder pollErrors = new LongAdder();
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean loadRunning = true;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private Thread prober;

    VisibilityProbes(BenchOptions options, HttpClient http) {
        this.options = options;
        this.http = http;
        this.times = new ProbeTimes(options.verify().size());
    }

    void start() {
        for (int r = 0; r < options.verify().size(); r++) {
            int replica = r;
            pollers.add(daemon(() -> poll(replica), "bench-poll-" + r));
        }
        prober = daemon(this::probe, "bench-probe");
    }

    /** The load is over: no more probes; pollers stop once complete or after {@code timeout}. */
    void loadDone(Duration timeout) throws InterruptedException {
        deadlineNanos = System.nanoTime() + timeout.toNanos();
        loadRunning = false;
        prober.join(TIMEOUT.toMillis() + 1000);
        times.finish();
    }

    /** Waits for the pollers (bounded by the deadline of {@link #loadDone}) and summarises. */
    ProbeTimes.Visibility await() throws InterruptedException {
        for (Thread poller : pollers) {
            poller.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000 + 1000));
        }
        if (pollErrors.sum() > 0) {
            System.out.println("visibility: " + pollErrors.sum() + " polls failed (answer not 200 or no answer)");
        }
        return times.visibility();
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void probe() {
        URI uri = URI.create(options.url() + "/write?db=" + URLEncoder.encode(options.db(), StandardCharsets.UTF_8)
                + "&precision=" + options.precision());
        long start = System.nanoTime();
        for (long i = 0; loadRunning; i++) {
            long due = start + i * 1_000_000_000L / options.visibilityProbes();
            for (long now = System.nanoTime(); now < due && loadRunning; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            if (!loadRunning) {
                return;
            }
            int k = times.next();
            String line = "influxha_probe seq=" + (base + k) + "i " + BenchMain.startTime(options.precision());
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    times.acked(k, System.nanoTime());
                } else {
                    times.failed();
                }
            } catch (IOException e) {
                times.failed();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Polls one replica every POLL_MILLIS until complete or the deadline. */
    private void poll(int replica) {
        URI uri = URI.create(options.verify().get(replica) + "/query?epoch=ns&db="
                + URLEncoder.encode(options.db(), StandardCharsets.UTF_8)
                + "&q=" + URLEncoder.encode("SELECT max(seq) FROM influxha_probe", StandardCharsets.UTF_8));
        long next = System.nanoTime();
        while (!times.complete(replica) && System.nanoTime() < deadlineNanos) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                long max = response.statusCode() == 200 ? maxOf(response.body()) : Long.MIN_VALUE;
                if (response.statusCode() != 200) {
                    pollErrors.increment();
                } else if (max >= base) {
                    times.seen(replica, max - base, at);
                }
            } catch (IOException e) {
                pollErrors.increment();
            } catch (InterruptedException e) {
                return;
            }
            next += POLL_MILLIS * 1_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime(); // a slow answer: poll again now, do not try to catch up
            }
        }
    }

    /** The max of an InfluxDB /query answer, or Long.MIN_VALUE when it has no row (nothing written yet). */
    static long maxOf(String json) {
        return QueryAnswer.values(json).stream().findFirst().orElse(Long.MIN_VALUE);
    }
}
