package io.influxha.launcher.bench;

import io.influxha.core.config.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code bench}, in the spirit of InfluxData's {@code inch}. Every option has a
 * default, so {@code bench} alone writes 1000 series for 30 s to 127.0.0.1:8086. A run stops at
 * {@code --points} or {@code --duration}, whichever comes first (one of them may be 0: no limit).
 *
 * @param rate total points per second to offer (0: as fast as the target acknowledges)
 * @param verify InfluxDB base URLs whose point count must reach what was acknowledged (replicas)
 * @param visibilityProbes probes per second whose write-to-visible-in-every-replica latency is measured (0: off)
 */
public record BenchOptions(URI url, String db, int series, int tags, int fields, int measurements, int batch,
                           int concurrency, String precision, boolean gzip, Duration duration, long points,
                           long rate, List<URI> verify, Duration verifyTimeout, Duration progress, boolean createDb,
                           int visibilityProbes) {
    /** The options {@link #parse} reads, as {@code bench --help} lists them. */
    static final String OPTIONS = """

            Options:
              --url URL              target base URL (default http://127.0.0.1:8086)
              --db NAME              database (default bench); created first unless
                                     --no-create-db
              --series N             distinct series (default 1000)
              --tags N               tags per series (default 3)
              --fields N             float fields per point (default 1)
              --measurements N       measurements the series are spread over
                                     (default 1: one hot measurement)
              --batch N              points per request (default 5000)
              --concurrency N        requests in flight (default 4)
              --precision P          n|u|ms|s (default n)
              --gzip                 gzip request bodies
              --duration D           stop after D (default 30s; 0s: no limit)
              --points N             stop after N points (default 0: no limit)
              --rate N               offer N points/s in all (default 0: as fast as
                                     acknowledged)
              --verify URL[,URL]     after the load, wait until every URL's count
                                     reaches what was acknowledged
              --verify-timeout D     give up waiting after D (default 120s)
              --progress D           progress line interval (default 1s)
              --no-create-db         do not send CREATE DATABASE first
              --visibility-probes N  with --verify: N one-point probes per second
                                     during the load; prints the p50/p99 from each
                                     probe's ack to its visibility in every replica
                                     (default 0: off). Replicas are polled every
                                     10 ms, which adds up to 10 ms to each figure
            """;

    private static final Set<String> FLAGS = Set.of("--gzip", "--no-create-db");
    private static final Set<String> VALUED = Set.of("--url", "--db", "--series", "--tags", "--fields", "--measurements",
            "--batch", "--concurrency", "--precision", "--duration", "--points", "--rate", "--verify", "--verify-timeout",
            "--progress", "--visibility-probes");
    private static final Set<String> PRECISIONS = Set.of("n", "ns", "u", "ms", "s");

    /** @throws IllegalArgumentException naming the option and what is wrong with it */
    public static BenchOptions parse(String[] args) {
        Map<String, String> v = read(args);
        Duration duration = duration(v, "--duration", "30s");
        long points = number(v, "--points", 0, 0);
        if (duration.isZero() && points == 0) {
            throw new IllegalArgumentException("--duration 0s needs --points N: the run would never stop");
        }
        String precision = v.getOrDefault("--precision", "n");
        if (!PRECISIONS.contains(precision)) {
            throw new IllegalArgumentException("--precision: invalid value \"" + precision + "\": expected n, u, ms or s");
        }
        int probes = (int) number(v, "--visibility-probes", 0, 0);
        if (probes > 1000) {
            throw new IllegalArgumentException("--visibility-probes: invalid value \"" + probes + "\": expected at most 1000 per second");
        }
        if (probes > 0 && !v.containsKey("--verify")) {
            throw new IllegalArgumentException("--visibility-probes needs --verify URL[,URL]: the replicas to poll");
        }
        return new BenchOptions(url(v.getOrDefault("--url", "http://127.0.0.1:8086"), "--url"),
                v.getOrDefault("--db", "bench"), (int) number(v, "--series", 1000, 1), (int) number(v, "--tags", 3, 1),
                (int) number(v, "--fields", 1, 1), (int) number(v, "--measurements", 1, 1), (int) number(v, "--batch", 5000, 1),
                (int) number(v, "--concurrency", 4, 1), precision.equals("ns") ? "n" : precision, v.containsKey("--gzip"),
                duration, points, number(v, "--rate", 0, 0), urls(v.get("--verify")), duration(v, "--verify-timeout", "120s"),
                duration(v, "--progress", "1s"), !v.containsKey("--no-create-db"), probes);
    }

    private static Map<String, String> read(String[] args) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (FLAGS.contains(name)) {
                v.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                v.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option \"" + name + "\"");
            }
        }
        return v;
    }

    private static long number(Map<String, String> v, String name, long dflt, long min) {
        String text = v.get(name);
        if (text == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(text);
            if (n < min || n > Integer.MAX_VALUE && !name.equals("--points")) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": invalid value \"" + text + "\": expected a whole number >= " + min);
        }
    }

    private static Duration duration(Map<String, String> v, String name, String dflt) {
        String text = v.getOrDefault(name, dflt);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": invalid value \"" + text + "\": " + e.getMessage());
        }
    }

    private static List<URI> urls(String text) {
        List<URI> urls = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                urls.add(url(part.trim(), "--verify"));
            }
        }
        return List.copyOf(urls);
    }

    private static URI url(String text, String name) {
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(name + ": invalid value \"" + text + "\": expected an http:// URL such as http://127.0.0.1:8086");
        }
        return uri;
    }
}
