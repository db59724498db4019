package io.influxha.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxha.e2e.reference.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Comparator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's reference test: a seeded, randomised workload of writes and DDL from concurrent
 * clients through influx-ha (separate processes, two writers per backend joining and leaving,
 * replica b down for a while, the gateway killed once) must leave both replicas exactly as a plain
 * reference applier of the shard topics leaves a third influxd, and that reference must not
 * depend on how it interleaves partitions (see {@link DdlReferenceRun} for the checks).
 *
 * <p>Properties: {@code ddl.seed} (first seed, default 1), {@code ddl.seeds} (how many, from it,
 * default 2), {@code ddl.ops} (operations per seed, default 200), {@code ddl.threads} (default 3),
 * {@code ddl.workload.seconds} (default 60), {@code ddl.quiet.seconds} (default 90), {@code ddl.without}
 * (statement texts to leave out, {@code ;}-separated), {@code ddl.results} (a file to append one line
 * per seed to: scripts/ddl-reference-seeds), {@code ddl.faults=base} (leave kill -9 of the
 * router and of the broker and late answers from replica a out of the faults) and
 * {@code ddl.brokerKill=false} (leave the broker kill out): ReferenceFaults. A failing seed
 * keeps its directory (logs, ledger, dumps) and prints where it is; {@code -Dddl.keep=true} keeps
 * it always.
 */
class DdlReferenceIT {

    static LongStream seeds() {
        long first = Long.getLong("ddl.seed", 1);
        return LongStream.range(first, first + Long.getLong("ddl.seeds", 2));
    }

    /** {@code ddl.without}: statement texts to leave out, separated by {@code ;} (to look past a known failure). */
    private static List<String> without() {
        String v = System.getProperty("ddl.without", "");
        return v.isBlank() ? List.of() : Arrays.stream(v.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void both_replicas_end_as_the_reference_applier_of_the_shard_topics_whatever_the_rebalances_and_restarts(long seed) throws Exception {
        DdlReferenceRun.Settings settings = new DdlReferenceRun.Settings(seed, Integer.getInteger("ddl.ops", 200),
                Integer.getInteger("ddl.threads", 3), Duration.ofSeconds(Long.getLong("ddl.workload.seconds", 60)),
                Duration.ofSeconds(Long.getLong("ddl.quiet.seconds", 90)), without());
        Path dir = Files.createTempDirectory("ddl-reference-seed-" + seed + "-");
        System.out.println("DdlReferenceIT seed=" + seed + " " + settings + " dir=" + dir);
        Findings findings;
        long start = System.nanoTime();
        DdlReferenceRun run = new DdlReferenceRun(settings, dir);
        try {
            findings = run.run();
        } catch (Exception | Error e) {
            record(seed, run.operations(), start, "ERROR", e.toString());
            throw new AssertionError("DdlReferenceIT seed=" + seed + " could not finish; kept " + dir, e);
        }
        record(seed, run.operations(), start, findings.ok() ? "PASS" : "FAIL", findings.ok() ? "" : findings.failed() + " first: " + findings.first());
        String report = "DdlReferenceIT seed=" + seed + (findings.ok() ? " passed" : " FAILED, kept " + dir
                + " (reproduce: -Dddl.seed=" + seed + " -Dddl.seeds=1)") + findings.summary();
        System.out.println(report);
        if (findings.ok() && !Boolean.getBoolean("ddl.keep")) {
            deleteTree(dir);
        }
        assertThat(findings.ok()).as(report).isTrue();
    }

    /** One line per seed in the file {@code ddl.results} names, when it does: seed, result, operations, seconds, what failed. */
    private static void record(long seed, int operations, long start, String result, String detail) throws IOException {
        String file = System.getProperty("ddl.results", "");
        if (file.isEmpty()) {
            return;
        }
        String line = String.format("seed=%d result=%s operations=%d seconds=%.0f %s%n", seed, result, operations,
                (System.nanoTime() - start) / 1e9, detail.replace('\n', ' '));
        Files.writeString(Path.of(file), line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
