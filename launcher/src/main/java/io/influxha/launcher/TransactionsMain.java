package io.influxha.launcher;

import io.influxha.core.KafkaCluster;
import io.influxha.core.PartitionEnds;
import io.influxha.core.Startup;
import io.influxha.core.StartupException;
import io.influxha.core.config.InfluxHaConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code transactions find|abort -c FILE}: the repair of a stuck last stable offset
 * (docs/stuck-transactions.md). {@code find} lists the transactions open on the project's topics
 * and {@code __consumer_offsets}, each with its verdict ({@link TransactionCheck});
 * {@code abort} aborts one producer epoch's hanging transaction ({@link AbortPlan}), only with
 * {@code --yes}. Exit 0; 1 when the abort was refused or did not finish, a partition could not be read, or Kafka failed meanwhile;
 * 2 on a usage, configuration or connection problem.
 */
@Command(name = "transactions", description = "Open Kafka transactions that stop read_committed consumers: find them, abort a hanging one.",
        subcommands = {TransactionsMain.Find.class, TransactionsMain.Abort.class})
final class TransactionsMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: find or abort");
    }

    /** Runs {@code body} with an admin client; a Kafka failure meanwhile is exit 1, named with the subcommand. */
    static int withAdmin(CommandSpec spec, InfluxHaConfig config, AdminBody body) {
        KafkaCluster kafka = Startup.locateKafka(config);
        try (Admin admin = kafka.admin("transactions")) {
            return body.run(new OpenTransactions(admin), List.copyOf(PartitionEnds.partitions(admin, PartitionEnds.watchedTopics(config))));
        } catch (StartupException e) {
            throw e;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("influx-ha: transactions " + spec.name() + " failed: " + e.getMessage());
            return 1;
        }
    }

    interface AdminBody {
        int run(OpenTransactions transactions, List<TopicPartition> watched);
    }

    static String line(TransactionCheck.Finding f, long nowMs) {
        TransactionCheck.Open o = f.open();
        return String.format(java.util.Locale.ROOT, "open_transaction topic=%s partition=%d producer_id=%d producer_epoch=%d"
                + " start_offset=%d last_write_age_seconds=%d transactional_id=%s verdict=%s reason=\"%s\"",
                o.partition().topic(), o.partition().partition(), o.producerId(), o.producerEpoch(), o.startOffset(),
                Math.max(0, nowMs - o.lastTimestampMs()) / 1000, f.coordinator().map(TransactionCheck.Coordinator::transactionalId)
                        .orElse("-"), f.verdict(), f.reason());
    }

    @Command(name = "find", description = {"List the open transactions on the project's topics and __consumer_offsets, each with "
            + "its verdict: LIVE (its coordinator will end it), COMMITTED (its commit marker is missing here: never abort), "
            + "OUTCOME_UNKNOWN, UNCHECKED (run again later), HANGING (abort it: `transactions abort`)."})
    static final class Find implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "0s",
                description = "only transactions whose last record is older than this (30s, 5m); record time is the producer's"
                        + " CreateTime, so a filter, never a verdict (default: ${DEFAULT-VALUE})")
        String olderThan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Duration min = duration(spec, "--older-than", olderThan);
            return withAdmin(spec, config.load(), (txns, watched) -> {
                OpenTransactions.Reading reading = txns.open(watched);
                long now = System.currentTimeMillis();
                List<TransactionCheck.Finding> findings = txns.classify(reading.open()).stream()
                        .filter(f -> now - f.open().lastTimestampMs() >= min.toMillis()).toList();
                PrintWriter out = spec.commandLine().getOut();
                findings.forEach(f -> out.println(line(f, now)));
                findings.stream().filter(f -> f.verdict().abortable()).map(f -> f.open()).distinct().forEach(o -> out.printf(
                        "to abort: influx-ha transactions abort -c FILE --topic %s --partition %d --producer-id %d --producer-epoch %d --yes%n",
                        o.partition().topic(), o.partition().partition(), o.producerId(), o.producerEpoch()));
                out.println(findings.isEmpty() ? "no open transactions on " + (watched.size() - reading.unreadable().size()) + " readable partitions"
                        : findings.size() + " open transaction" + (findings.size() == 1 ? "" : "s") + ", "
                                + findings.stream().filter(f -> f.verdict().abortable()).count() + " hanging");
                return unreadable(spec, reading);
            });
        }
    }

    /** Names every partition a read could not read, on stderr; 1 when there is one (the listing is incomplete), else 0. */
    static int unreadable(CommandSpec spec, OpenTransactions.Reading reading) {
        PrintWriter err = spec.commandLine().getErr();
        reading.unreadable().forEach((tp, why) -> err.println("unreadable topic=" + tp.topic() + " partition=" + tp.partition()
                + " error=\"" + why + "\""));
        if (reading.unreadable().isEmpty()) {
            return 0;
        }
        err.println("influx-ha: transactions " + spec.name() + ": " + reading.unreadable().size() + " partition"
                + (reading.unreadable().size() == 1 ? "" : "s") + " could not be read: the list above is incomplete");
        return 1;
    }

    @Command(name = "abort", description = {"Abort the hanging transaction of one producer epoch, on one partition or on every "
            + "partition it holds open; refused unless every check passes (docs/stuck-transactions.md)."})
    static final class Abort implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--producer-id", required = true, paramLabel = "ID", description = "as `transactions find` printed it")
        long producerId;

        @Option(names = "--producer-epoch", required = true, paramLabel = "EPOCH", description = "as `transactions find` printed it")
        int producerEpoch;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "only this topic's partition (with --partition); default: every partition")
        String topic;

        @Option(names = "--partition", paramLabel = "N", description = "the partition of --topic")
        Integer partition;

        @Option(names = "--yes", description = "really abort; without it, print what would be aborted")
        boolean yes;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if ((topic == null) != (partition == null)) {
                throw new ParameterException(spec.commandLine(), "--topic and --partition go together: name both, or neither for"
                        + " every partition of the producer epoch");
            }
            Optional<TopicPartition> named = topic == null ? Optional.empty() : Optional.of(new TopicPartition(topic, partition));
            return withAdmin(spec, config.load(), (txns, watched) -> {
                List<TopicPartition> where = named.map(List::of).orElse(watched);
                OpenTransactions.Reading first = txns.open(watched);
                List<TransactionCheck.Finding> before = txns.classify(first.open());
                OpenTransactions.Reading second = txns.open(where);
                Map<TopicPartition, String> unreadable = new HashMap<>(first.unreadable());
                unreadable.putAll(second.unreadable());
                AbortPlan plan = AbortPlan.of(producerId, producerEpoch, named, before, unreadable, second.open());
                return new AbortRun(txns, spec.commandLine().getOut(), spec.commandLine().getErr()).run(plan, yes);
            });
        }
    }

    static Duration duration(CommandSpec spec, String option, String text) {
        try {
            return io.influxha.core.config.Durations.parse(text);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), option + ": invalid duration \"" + text + "\": " + e.getMessage());
        }
    }
}
