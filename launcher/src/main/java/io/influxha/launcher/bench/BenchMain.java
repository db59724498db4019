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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code bench [options]}: creates the database, writes the load, prints points/s, ack latency
 * and errors by status, then (with {@code --verify}) waits until every replica holds every
 * acknowledged point. The last line, {@code result key=value ...}, is for scripts. Exit 0 when
 * every request was acknowledged and every replica caught up, 1 otherwise, 2 on a usage error.
 */
@Command(name = "bench", description = {"Load generator for /write, of InfluxDB 1.x or influx-ha.",
        "Prints points/s, ack latency and errors; with --verify, waits until every replica holds every acknowledged point. "
                + "Exit 0 when all was acknowledged (and visible), 1 otherwise."},
        customSynopsis = "influx-ha bench [-hV] [OPTION...]", footer = BenchOptions.OPTIONS)
public final class BenchMain implements Callable<Integer> {
    /** bench's own options, read by {@link BenchOptions#parse}: picocli handles only -h and -V here. */
    @Unmatched
    List<String> options = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        BenchOptions parsed;
        try {
            parsed = BenchOptions.parse(options.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        HttpClient http = io.influxha.core.BackendHttp.client(Duration.ofSeconds(5));
        try {
            return run(parsed, http) ? 0 : 1;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("influx-ha bench: " + e.getMessage());
            return 1;
        }
    }

    static boolean run(BenchOptions o, HttpClient http) throws InterruptedException {
        if (o.createDb()) {
            createDatabase(o, http);
        }
        ReplicaCounts counts = new ReplicaCounts(http, o.db());
        List<Long> baselines = new ArrayList<>();
        for (URI replica : o.verify()) {
            baselines.add(counts.count(replica));
        }
        System.out.printf("bench: url=%s db=%s series=%d tags=%d fields=%d measurements=%d batch=%d concurrency=%d precision=%s gzip=%s duration=%ss points=%d rate=%d%n",
                o.url(), o.db(), o.series(), o.tags(), o.fields(), o.measurements(), o.batch(), o.concurrency(), o.precision(),
                o.gzip(), o.duration().toSeconds(), o.points(), o.rate());
        LoadShape shape = new LoadShape(o.series(), o.tags(), o.fields(), o.measurements(), startTime(o.precision()));
        VisibilityProbes probes = o.visibilityProbes() > 0 ? new VisibilityProbes(o, http) : null;
        if (probes != null) {
            probes.start();
        }
        BenchResult r = new BenchRun(o, shape, http).run();
        if (probes != null) {
            probes.loadDone(o.verifyTimeout());
        }
        System.out.printf("done: points=%d requests=%d seconds=%.2f points_per_s=%.0f%n", r.points(), r.requests(), r.seconds(),
                r.pointsPerSecond());
        System.out.println("ack latency: " + BenchResult.latency(r.latencyMicros()));
        System.out.println("errors: " + BenchResult.errors(r.errors()));
        String visible = verify(o, counts, baselines, r) + visibility(probes);
        System.out.printf("result points=%d points_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f errors=%d%s%n", r.points(),
                r.pointsPerSecond(), BenchResult.ms(r.latencyMicros(), 50), BenchResult.ms(r.latencyMicros(), 99),
                BenchResult.ms(r.latencyMicros(), 99.9), r.errorCount(), visible);
        return r.errorCount() == 0 && !visible.contains("visible_ms=-1");
    }

    /** Prints the probes' visibility line; returns the result-line fragment ({@code ""} without probes). */
    private static String visibility(VisibilityProbes probes) throws InterruptedException {
        if (probes == null) {
            return "";
        }
        ProbeTimes.Visibility v = probes.await();
        System.out.println(v.line(VisibilityProbes.POLL_MILLIS));
        return v.resultFields();
    }

    /** Waits for every replica; returns the result-line fragment {@code visible_ms=.. e2e_points_per_s=..}. */
    private static String verify(BenchOptions o, ReplicaCounts counts, List<Long> baselines, BenchResult r)
            throws InterruptedException {
        if (o.verify().isEmpty()) {
            return "";
        }
        long deadline = System.nanoTime() + o.verifyTimeout().toNanos();
        long lastVisible = r.lastAckNanos();
        for (int i = 0; i < o.verify().size(); i++) {
            long at = counts.awaitCount(o.verify().get(i), baselines.get(i) + r.points(), deadline);
            if (at < 0) {
                System.out.printf("visible: %s did not reach %d points within %ss%n", o.verify().get(i), r.points(),
                        o.verifyTimeout().toSeconds());
                return " visible_ms=-1";
            }
            lastVisible = Math.max(lastVisible, at);
            System.out.printf("visible: %s holds every acknowledged point %.0f ms after the last ack%n", o.verify().get(i),
                    (at - r.lastAckNanos()) / 1e6);
        }
        double e2e = r.points() / ((lastVisible - r.startNanos()) / 1e9);
        System.out.printf("end to end: %.0f points/s from the first send to the last point visible in every replica%n", e2e);
        return String.format(" visible_ms=%.0f e2e_points_per_s=%.0f", (lastVisible - r.lastAckNanos()) / 1e6, e2e);
    }

    private static void createDatabase(BenchOptions o, HttpClient http) throws InterruptedException {
        URI uri = URI.create(o.url() + "/query?q=" + URLEncoder.encode("CREATE DATABASE \"" + o.db() + "\"", StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("CREATE DATABASE on " + o.url() + ": status " + response.statusCode() + " "
                        + response.body().trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("CREATE DATABASE on " + o.url() + ": " + e + " (is the target running?)", e);
        }
    }

    /** Now, in the run's precision: the first timestamp of every series. */
    static long startTime(String precision) {
        long ms = System.currentTimeMillis();
        return switch (precision) {
            case "s" -> ms / 1000;
            case "ms" -> ms;
            case "u" -> ms * 1000;
            default -> ms * 1_000_000;
        };
    }
}
