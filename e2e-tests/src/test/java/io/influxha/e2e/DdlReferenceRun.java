package io.influxha.e2e;

import io.influxha.e2e.reference.CanonicalDump;
import io.influxha.e2e.reference.CutCheck;
import io.influxha.e2e.reference.DumpDiff;
import io.influxha.e2e.reference.Findings;
import io.influxha.e2e.reference.IngestIndex;
import io.influxha.e2e.reference.Interleaving;
import io.influxha.e2e.reference.Ledger;
import io.influxha.e2e.reference.LedgerCheck;
import io.influxha.e2e.reference.LogRecord;
import io.influxha.e2e.reference.ReferenceApplier;
import io.influxha.e2e.reference.ReferenceResult;
import io.influxha.e2e.reference.RoutingCheck;
import io.influxha.e2e.reference.TopicLog;
import io.influxha.e2e.reference.Workload;
import io.influxha.e2e.reference.WorkloadClients;
import io.influxha.influxd.InfluxdProcess;
import io.influxha.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seed of {@link DdlReferenceIT}: the workload through {@link ReferenceTopology} under
 * {@link ReferenceFaults}, then, once quiet, checks (a) to (d). Every check runs even when an
 * earlier one failed, so one run reports all it can; the ledger, dumps and the reference's
 * statement order are written to {@code dir}.
 */
final class DdlReferenceRun {
    private static final Duration READ = Duration.ofSeconds(60);
    private static final Duration STALLED = Duration.ofSeconds(30);

    /** One run's parameters; {@code workload} bounds the clients, {@code quiet} the wait for every writer to catch up. */
    record Settings(long seed, int operations, int threads, Duration workload, Duration quiet, List<String> without) {}

    private final Settings settings;
    private final Path dir;
    private final Findings findings = new Findings();
    private final Ledger ledger = new Ledger();

    DdlReferenceRun(Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    Findings run() throws Exception {
        long start = System.nanoTime();
        try (ReferenceTopology system = ReferenceTopology.start(dir)) {
            findings.note(String.format("started in %.1fs", seconds(start)));
            long workloadStart = System.nanoTime();
            workload(system);
            findings.note(String.format("workload: %.1fs, %s", seconds(workloadStart), ledger.summary()));
            Files.writeString(dir.resolve("ledger.txt"), ledger.dump());
            long quietStart = System.nanoTime();
            awaitQuiet(system);
            findings.note(String.format("quiet after %.1fs", seconds(quietStart)));
            findings.note(io.influxha.e2e.reference.BarrierLatency.summary(
                    java.util.stream.Stream.of("writer-a", "writer-a2", "writer-b", "writer-b2").map(w -> dir.resolve(w + ".log")).toList()));
            long checksStart = System.nanoTime();
            checks(system, ledger);
            findings.note(String.format("checks: %.1fs", seconds(checksStart)));
        }
        findings.note(String.format("run: %.1fs", seconds(start)));
        Files.writeString(dir.resolve("findings.txt"), findings.full());
        return findings;
    }

    /** Operations sent so far, the setup's included. */
    int operations() {
        return ledger.size();
    }

    private void workload(ReferenceTopology system) {
        Workload workload = new Workload(wallNs(), settings.without());
        long start = System.nanoTime();
        List<String> done;
        try (WorkloadClients clients = new WorkloadClients(system.gateway, ledger)) {
            ReferenceFaults faults = new ReferenceFaults(system, clients);
            done = faults.done();
            clients.sendInOrder(workload.setup());
            clients.start(workload.plan(settings.seed(), settings.threads(), settings.operations()), start + settings.workload().toNanos());
            faults.run(settings.operations(), start);
            Await.until(settings.workload().plusSeconds(40), clients::finished, () -> "the workload threads to finish");
            if (clients.failure() != null) {
                findings.problem("workload", "a client thread failed: " + clients.failure());
            }
        }
        done.forEach(f -> findings.note("fault " + f));
    }

    /**
     * Waits until every writer group and the router consumed everything, at most {@code quiet}, and
     * gives up earlier when the lag stayed the same for {@link #STALLED} (nothing moves: a wait
     * that will not end by itself).
     */
    private void awaitQuiet(ReferenceTopology system) {
        String[] lag = {"not probed"};
        String[] lagging = {"not probed"};
        long[] next = {System.nanoTime()};
        long[] changed = {System.nanoTime()};
        String check = "quiet: every writer group caught up";
        long start = System.nanoTime();
        try {
            Await.until(settings.quiet(), () -> {
                if (System.nanoTime() - next[0] < 0) {
                    return false;
                }
                next[0] = System.nanoTime() + 1_000_000_000L;
                String now = system.lagging();
                if (!now.equals(lag[0])) {
                    changed[0] = System.nanoTime();
                    String who = now.replaceAll(" committed=\\d+ end=\\d+", "");
                    if (!who.equals(lagging[0])) { // when a group or partition starts or stops lagging
                        lagging[0] = who;
                        findings.note(String.format("quiet +%.1fs lagging: %s", seconds(start), who.isEmpty() ? "nothing" : who));
                    }
                }
                lag[0] = now;
                return now.isEmpty() || System.nanoTime() - changed[0] > STALLED.toNanos();
            }, () -> "every writer group and the router to catch up");
            findings.check(check, lag[0].isEmpty() ? List.of()
                    : List.of("stalled: no progress for " + STALLED.toSeconds() + "s; lagging: " + lag[0] + "; writers' last waits and errors:"
                            + system.writerTrouble()));
        } catch (AssertionError e) {
            findings.problem(check, "not within " + settings.quiet().toSeconds() + "s; lagging: " + lag[0]
                    + "; writers' last waits and errors:" + system.writerTrouble());
        }
    }

    private void checks(ReferenceTopology system, Ledger ledger) throws IOException {
        String bootstrap = system.bootstrap();
        IngestIndex ingest = IngestIndex.of(TopicLog.read(bootstrap, ReferenceTopology.PREFIX + ".ingest", READ));
        Map<String, Map<Integer, List<LogRecord>>> shards = new LinkedHashMap<>();
        for (String topic : ReferenceTopology.shardTopics()) {
            shards.put(topic, TopicLog.read(bootstrap, topic, READ));
        }
        findings.check("(a) the ledger equals the ingest topic", LedgerCheck.problems(ledger, ingest));
        findings.check("(b) every line routed once, every copy in every shard partition",
                RoutingCheck.problems(ingest, shards, ReferenceTopology::topicOf));

        ReferenceResult[] results = new ReferenceResult[2];
        List<String> ref1 = guarded("(c) reference-1", () -> reference("reference-1", shards, Interleaving.roundRobin(), results, 0));
        List<String> ref2 = guarded("(c) reference-2",
                () -> reference("reference-2", shards, Interleaving.seededBursts(settings.seed()), results, 1));
        if (results[0] != null && results[1] != null) {
            findings.check("(c) every record has one fate whatever the interleaving", results[0].differences(results[1]));
        }
        List<String> a = guarded("(d) dump of replica a", () -> dump("replica-a", system.a));
        List<String> b = guarded("(d) dump of replica b", () -> dump("replica-b", system.b));
        compare("(c) the reference applier gives one result whatever the interleaving", "round-robin", ref1, "seeded-bursts", ref2);
        compare("(d) replica a equals the reference", "reference", ref1, "replica a", a);
        compare("(d) replica b equals the reference", "reference", ref1, "replica b", b);
        CutCheck cut = new CutCheck(ledger, ingest, shards);
        Map<String, List<String>> servers = new LinkedHashMap<>();
        servers.put("reference", ref1);
        servers.put("replica a", a);
        servers.put("replica b", b);
        servers.forEach((name, dump) -> {
            if (dump != null) {
                findings.check("(d) statements cut the acknowledged writes on the " + name, cut.problems(name, dump));
            }
        });
        findings.note("(d) points judged per server: " + cut.coverage());
    }

    private void compare(String check, String nameA, List<String> a, String nameB, List<String> b) {
        if (a != null && b != null) {
            findings.check(check, nonEmpty(DumpDiff.describe(nameA, a, nameB, b)));
        }
    }

    /** A step whose failure is itself a finding; null then, and the checks that need its result are left out. */
    private <T> T guarded(String check, java.util.concurrent.Callable<T> step) {
        try {
            return step.call();
        } catch (Exception | AssertionError e) {
            findings.problem(check, "could not run: " + e);
            return null;
        }
    }

    /** Applies the shard topics to a fresh influxd and returns its dump. */
    private List<String> reference(String name, Map<String, Map<Integer, List<LogRecord>>> shards, Interleaving order,
            ReferenceResult[] results, int slot) throws IOException {
        try (InfluxdProcess influxd = InfluxdProcess.start(dir.resolve(name))) {
            ReferenceResult result = ReferenceApplier.apply(shards, influxd.url(), order);
            results[slot] = result;
            findings.note(name + " " + result.summary());
            findings.check("(c) " + name + " (" + order.name() + ") applied every statement", result.problems());
            Files.writeString(dir.resolve(name + "-trace.txt"), String.join("\n", result.trace()) + "\n");
            return dump(name, influxd);
        }
    }

    private List<String> dump(String name, InfluxdProcess influxd) throws IOException {
        List<String> lines = CanonicalDump.of(influxd.client());
        Files.writeString(dir.resolve(name + ".dump"), String.join("\n", lines) + "\n");
        return lines;
    }

    private static List<String> nonEmpty(String diff) {
        return diff.isEmpty() ? List.of() : List.of(diff);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long wallNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
