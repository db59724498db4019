package io.influxha.launcher;

import io.influxha.core.KafkaCluster;
import io.influxha.core.RecordHeaders;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dlq list|replay -c FILE [--backend NAME] [--reason TEXT] [--since WHEN] [--until WHEN]}.
 * {@code list} prints each matching dead letter (where from, why, its lines); {@code replay}
 * republishes each matching one to the ingest topic, so it goes through the normal path again
 * (router, every replica of its shard). Points carry the timestamps the gateway gave them, so
 * replaying a point a replica already holds stores it once. Exit 0, 1 when Kafka fails meanwhile,
 * 2 on a usage, configuration or connection problem.
 */
@Command(name = "dlq", description = "Dead letters: list them, or replay them to every replica.",
        subcommands = {DlqMain.DlqList.class, DlqMain.DlqReplay.class})
final class DlqMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list or replay");
    }

    /** The options of both subcommands: the file, and which dead letters ({@link DeadLetterFilter}). */
    static final class Selection {
        @Mixin
        ConfigOption config;

        @Option(names = "--backend", paramLabel = "NAME", description = "only this backend's; router: the lines the router could not parse")
        String backend;

        @Option(names = "--reason", paramLabel = "TEXT", description = "only those whose reason contains TEXT (any case)")
        String reason;

        @Option(names = "--since", paramLabel = "WHEN", description = "dead-lettered at or after WHEN: 2026-11-28T00:00:00Z, or 2h ago")
        String since;

        @Option(names = "--until", paramLabel = "WHEN", description = "dead-lettered at or before WHEN")
        String until;

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        DeadLetterFilter filter() {
            try {
                return DeadLetterFilter.of(backend, reason, since, until, System.currentTimeMillis());
            } catch (StartupException e) {
                throw new ParameterException(command.commandLine(), e.getMessage());
            }
        }

        PrintWriter out() {
            return command.commandLine().getOut();
        }

        /** Runs {@code action}; a failure of Kafka meanwhile is exit 1, named with the subcommand. */
        int run(String name, Action action) {
            DeadLetterFilter filter = filter();
            KafkaCluster kafka = Startup.locateKafka(config.load());
            try {
                long n = action.run(kafka, filter);
                out().println(name + " " + n + " dead letter" + (n == 1 ? "" : "s"));
                return 0;
            } catch (StartupException e) {
                throw e;
            } catch (RuntimeException e) {
                command.commandLine().getErr().println("influx-ha: dlq " + command.name() + " failed: " + e.getMessage());
                return 1;
            }
        }
    }

    interface Action {
        long run(KafkaCluster kafka, DeadLetterFilter filter);
    }

    @Command(name = "list", description = "Print each matching dead letter: where from, why, its lines.")
    static final class DlqList implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Override
        public Integer call() {
            return selection.run("listed", (kafka, filter) -> list(kafka, filter, selection.out()));
        }
    }

    @Command(name = "replay", description = {"Republish each matching dead letter to the ingest topic.",
            "They go through the normal path to every replica: fix the cause first, or they are refused again."})
    static final class DlqReplay implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Override
        public Integer call() {
            return selection.run("replayed", DlqMain::replay);
        }
    }

    private static long list(KafkaCluster kafka, DeadLetterFilter filter, PrintWriter out) {
        long[] n = {0};
        try (DeadLetterReader reader = new DeadLetterReader(kafka)) {
            reader.read(filter.sinceMs(), r -> {
                if (filter.matches(r)) {
                    n[0]++;
                    String backend = RecordHeaders.get(r.headers(), RecordHeaders.DLQ_BACKEND);
                    out.printf("dead_letter=%s/%d/%d time=%s backend=%s db=%s rp=%s source=%s/%s/%s reason=\"%s\"%n",
                            r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                            backend.isEmpty() ? DeadLetterFilter.ROUTER : backend,
                            RecordHeaders.get(r.headers(), RecordHeaders.DB), RecordHeaders.get(r.headers(), RecordHeaders.RP),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_SOURCE_TOPIC),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_SOURCE_PARTITION),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_SOURCE_OFFSET),
                            RecordHeaders.get(r.headers(), RecordHeaders.DLQ_REASON).replace("\n", "; "));
                    String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    value.lines().forEach(l -> out.println("  " + l));
                }
            });
        }
        return n[0];
    }

    private static long replay(KafkaCluster kafka, DeadLetterFilter filter) {
        try (DeadLetterReader reader = new DeadLetterReader(kafka);
             DeadLetterReplay replay = new DeadLetterReplay(kafka)) {
            reader.read(filter.sinceMs(), r -> {
                if (filter.matches(r)) {
                    replay.send(r);
                }
            });
            return replay.awaitAcknowledged();
        }
    }
}
