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

    /** One run's parameters; {@code workload} bounds the clients, {@code quiet} the wait for every writer to catch up. */
    record Settings(long seed, int operations, int threads, Duration workload, Duration quiet) {}

    private final Settings settings;
    private final Path dir;
    private final Findings findings = new Findings();

    DdlReferenceRun(Settings settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
    }

    Findings run() throws Exception {
        long start = System.nanoTime();
        Ledger ledger = new Ledger();
        try (ReferenceTopology system = ReferenceTopology.start(dir)) {
            findings.note(String.format("started in %.1fs", seconds(start)));
            long workloadStart = System.nanoTime();
            workload(system, ledger);
            findings.note(String.format("workload: %.1fs, %s", seconds(workloadStart), ledger.summary()));
            Files.writeString(dir.resolve("ledger.txt"), ledger.dump());
            long quietStart = System.nanoTime();
            awaitQuiet(system);
            findings.note(String.format("quiet after %.1fs", seconds(quietStart)));
            checks(system, ledger);
        }
        findings.note(String.format("run: %.1fs", seconds(start)));
        Files.writeString(dir.resolve("findings.txt"), findings.full());
        return findings;
    }

    private void workload(ReferenceTopology system, Ledger ledger) {
        Workload workload = new Workload(wallNs());
        ReferenceFaults faults = new ReferenceFaults(system);
        long start = System.nanoTime();
        try (WorkloadClients clients = new WorkloadClients(system.gateway, ledger)) {
            clients.sendInOrder(workload.setup());
            clients.start(workload.plan(settings.seed(), settings.threads(), settings.operations()), start + settings.workload().toNanos());
            faults.run(clients, settings.operations(), start);
            Await.until(settings.workload().plusSeconds(40), clients::finished, () -> "the workload threads to finish");
            if (clients.failure() != null) {
                findings.problem("workload", "a client thread failed: " + clients.failure());
            }
        }
        faults.done().forEach(f -> findings.note("fault " + f));
    }

    private void awaitQuiet(ReferenceTopology system) {
        String[] lag = {"not probed"};
        long[] next = {System.nanoTime()};
        try {
            Await.until(settings.quiet(), () -> {
                if (System.nanoTime() - next[0] < 0) {
                    return false;
                }
                next[0] = System.nanoTime() + 1_000_000_000L;
                lag[0] = system.lagging();
                return lag[0].isEmpty();
            }, () -> "every writer group and the router to catch up");
            findings.check("quiet: every writer group caught up", List.of());
        } catch (AssertionError e) {
            findings.problem("quiet: every writer group caught up", "not within " + settings.quiet().toSeconds() + "s; lagging: " + lag[0]
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

        List<String> ref1 = reference("reference-1", shards, Interleaving.roundRobin());
        List<String> ref2 = reference("reference-2", shards, Interleaving.seededBursts(settings.seed()));
        findings.check("(c) the reference applier gives one result whatever the interleaving",
                nonEmpty(DumpDiff.describe("round-robin", ref1, "seeded-bursts", ref2)));

        List<String> a = dump("replica-a", system.a);
        List<String> b = dump("replica-b", system.b);
        findings.check("(d) replica a equals the reference", nonEmpty(DumpDiff.describe("reference", ref1, "replica a", a)));
        findings.check("(d) replica b equals the reference", nonEmpty(DumpDiff.describe("reference", ref1, "replica b", b)));
        CutCheck cut = new CutCheck(ledger, ingest);
        for (Map.Entry<String, List<String>> server : Map.of("reference", ref1, "replica a", a, "replica b", b).entrySet()) {
            findings.check("(d) statements cut the acknowledged writes on the " + server.getKey(), cut.problems(server.getKey(), server.getValue()));
        }
        findings.note("(d) points judged per server: " + cut.coverage());
    }

    /** Applies the shard topics to a fresh influxd and returns its dump. */
    private List<String> reference(String name, Map<String, Map<Integer, List<LogRecord>>> shards, Interleaving order) throws IOException {
        try (InfluxdProcess influxd = InfluxdProcess.start(dir.resolve(name))) {
            ReferenceResult result = ReferenceApplier.apply(shards, influxd.url(), order);
            findings.note(name + " " + result.summary());
            findings.check("(c) " + name + " (" + order.name() + ") applied every statement", result.problems());
            Files.writeString(dir.resolve(name + "-statements.txt"), String.join("\n", result.statements()) + "\n");
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
