package io.influxha.e2e.reference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The seeded workload: per client thread a fixed list of requests, drawn from its own split of
 * one {@link SplittableRandom}, so a seed always plans the same requests (their interleaving and
 * answers are the run's). Writes (62 %) go to three databases and their policies, one to four
 * points of {@code m1} (its own shard), {@code m2}, {@code m3}, tag {@code host} of three values,
 * times on a 60 s grid ending 8.5 min before the run started, in precisions ns to s; a fifth of
 * them without timestamps (the gateway stamps them), a fifth overwriting a point the thread wrote
 * before with other values. The rest are statements ({@link DdlPlans}).
 */
public final class Workload {
    static final String[] DATABASES = {"d0", "d1", "d2"};
    static final String[] MEASUREMENTS = {"m1", "m2", "m3"};
    static final String[] HOSTS = {"h0", "h1", "h2"};
    static final int GRID_SECONDS = 60;
    private static final int WRITE_WEIGHT = 62;
    private static final int RECENT = 20;

    private static final int DRAWS = 50;

    private final long gridStartNs;
    private final DdlPlans ddl;
    private final List<String> without;

    /**
     * @param runStartWallNs the run's start: the grid ends 8.5 min before it, so {@code now() - 9m} cuts through it
     * @param without statements never to send: any whose text contains one of these (to look past a known failure)
     */
    public Workload(long runStartWallNs, List<String> without) {
        this.gridStartNs = (runStartWallNs / 1_000_000_000L - 570) * 1_000_000_000L;
        this.ddl = new DdlPlans(gridStartNs);
        this.without = List.copyOf(without);
    }

    /** Databases and policies every thread starts from: ids 1.., sent in order before the threads start. */
    public List<Request> setup() {
        List<Request> setup = new ArrayList<>();
        for (String db : DATABASES) {
            setup.add(Request.ddl(setup.size() + 1, ddl.createDatabase(db)));
        }
        for (String db : DATABASES) {
            setup.add(Request.ddl(setup.size() + 1, ddl.createPolicy(db, "r1", "2h", false, false)));
        }
        return setup;
    }

    /** {@code operations} requests over {@code threads} threads, ids after the setup's. */
    public List<List<Request>> plan(long seed, int threads, int operations) {
        SplittableRandom root = new SplittableRandom(seed);
        int first = setup().size() + 1;
        List<List<Request>> plans = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom r = root.split();
            Deque<Point> recent = new ArrayDeque<>();
            List<Request> plan = new ArrayList<>();
            for (int id = first + t; id < first + operations; id += threads) {
                Statement st = r.nextInt(100) < WRITE_WEIGHT ? null : statement(r);
                plan.add(st == null ? write(r, id, recent) : Request.ddl(id, st));
            }
            plans.add(plan);
        }
        return plans;
    }

    /** The next statement not excluded; null (a write instead) when draws keep hitting exclusions. */
    private Statement statement(SplittableRandom r) {
        for (int i = 0; i < DRAWS; i++) {
            Statement st = ddl.next(r);
            if (without.stream().noneMatch(st.text()::contains)) {
                return st;
            }
        }
        return null;
    }

    private Request write(SplittableRandom r, int id, Deque<Point> recent) {
        String db = database(r);
        String rp = pick(r, "", "", "", "", "autogen", "r1", "r1", "r2");
        boolean stamped = r.nextInt(5) == 0;
        String precision = stamped ? pick(r, "ns", "s") : pick(r, "ns", "u", "ms", "s");
        int n = 1 + r.nextInt(4);
        List<Point> points = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Point p = stamped ? point(r, id, null) : overwriteOrNew(r, id, precision, recent);
            if (keys.add(p.seriesKey() + " " + p.timeNs())) { // one request never writes a point twice
                points.add(p);
            }
        }
        if (!stamped) {
            points.forEach(p -> remember(recent, p));
        }
        return Request.write(id, db, rp, precision, points);
    }

    private Point overwriteOrNew(SplittableRandom r, int id, String precision, Deque<Point> recent) {
        if (!recent.isEmpty() && r.nextInt(5) == 0) {
            Point old = new ArrayList<>(recent).get(r.nextInt(recent.size()));
            if (old.timeNs() % Request.unitNs(precision) == 0) {
                return point(r, id, old.measurement(), old.tag("host"), old.timeNs());
            }
        }
        long time = gridStartNs + r.nextInt(GRID_SECONDS) * 1_000_000_000L;
        if (!precision.equals("s") && r.nextInt(4) == 0) {
            time += 500_000_000L;
        }
        return point(r, id, time);
    }

    private Point point(SplittableRandom r, int id, Long time) {
        return point(r, id, pick(r, "m1", "m1", "m2", "m2", "m3"), pick(r, HOSTS), time);
    }

    private static Point point(SplittableRandom r, int id, String measurement, String host, Long time) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("op", id + "i");
        fields.put("v", LineCodec.canonicalValue(Double.toString(r.nextInt(400) / 4.0)));
        fields.put("n", (r.nextInt(1000) - 500) + "i");
        fields.put("s", "\"x" + r.nextInt(100) + "\"");
        fields.put("ok", Boolean.toString(r.nextBoolean()));
        return new Point(measurement, new TreeMap<>(Map.of("host", host)), new TreeMap<>(fields), time);
    }

    private static void remember(Deque<Point> recent, Point p) {
        recent.addLast(p);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    static String database(SplittableRandom r) {
        return pick(r, "d0", "d0", "d0", "d1", "d1", "d2");
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
