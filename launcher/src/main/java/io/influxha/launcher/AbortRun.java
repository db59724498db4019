package io.influxha.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Carries out an {@link AbortPlan}: every partition's abort is tried up to {@link #ATTEMPTS}
 * times with doubling pauses (a leader may be moving). Before each retry the partition is read
 * again, and the retry happens only while the very same open transaction (producer id, epoch,
 * start offset, last write) is still there: an attempt that timed out may have landed, and a
 * producer that reuses the epoch (transactions v1) may have opened a new transaction since. Then
 * the partitions are read again and each transaction must be gone. Prints one line per partition
 * and a summary; exit 0 when every partition is seen closed, 1 when refused or some are open or
 * unreadable (the same command picks them up again).
 */
final class AbortRun {
    static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    /** What the run needs of Kafka: {@link OpenTransactions} in production, a fake in tests. */
    interface Partitions {
        OpenTransactions.Reading open(Collection<org.apache.kafka.common.TopicPartition> partitions);

        void abort(TransactionCheck.Open o);
    }

    private final Partitions txns;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Duration firstPause;

    AbortRun(Partitions txns, PrintWriter out, PrintWriter err) {
        this(txns, out, err, FIRST_PAUSE);
    }

    AbortRun(Partitions txns, PrintWriter out, PrintWriter err, Duration firstPause) {
        this.txns = txns;
        this.out = out;
        this.err = err;
        this.firstPause = firstPause;
    }

    int run(AbortPlan plan, boolean confirmed) {
        if (plan.refusal().isPresent()) {
            err.println("influx-ha: transactions abort: " + plan.refusal().get());
            return 1;
        }
        plan.alsoOpen().forEach(o -> out.println(describe("also_open", o)
                + " note=\"the same transaction, not named: abort it too, or run without --topic/--partition\""));
        if (!confirmed) {
            plan.abort().forEach(o -> out.println(describe("would_abort", o)));
            out.println("nothing aborted: add --yes to abort " + plan.abort().size() + " partition" + (plan.abort().size() == 1 ? "" : "s"));
            return 0;
        }
        plan.abort().forEach(this::abortWithRetries);
        OpenTransactions.Reading last = txns.open(plan.abort().stream().map(TransactionCheck.Open::partition).toList());
        List<TransactionCheck.Open> stillOpen = last.open().stream().filter(plan.abort()::contains).toList();
        List<TransactionCheck.Open> unknown = plan.abort().stream().filter(o -> last.unreadable().containsKey(o.partition())).toList();
        stillOpen.forEach(o -> err.println(describe("still_open", o)));
        unknown.forEach(o -> err.println(describe("unreadable", o) + " error=\"" + last.unreadable().get(o.partition()) + "\""));
        plan.abort().stream().filter(o -> !stillOpen.contains(o) && !unknown.contains(o)).forEach(o -> out.println(describe("aborted", o)));
        if (!stillOpen.isEmpty() || !unknown.isEmpty()) {
            err.println("influx-ha: transactions abort: " + stillOpen.size() + " of " + plan.abort().size() + " partitions still open, "
                    + unknown.size() + " unreadable: run the same command again");
            return 1;
        }
        out.println("aborted " + plan.abort().size() + " partition" + (plan.abort().size() == 1 ? "" : "s")
                + ": read_committed consumers now read past each start offset; the transaction's records stay invisible to them");
        return 0;
    }

    private void abortWithRetries(TransactionCheck.Open o) {
        Duration pause = firstPause;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                if (!pause(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2);
                OpenTransactions.Reading now = txns.open(List.of(o.partition()));
                if (now.unreadable().containsKey(o.partition())) {
                    err.println(describe("abort_deferred", o) + " attempt=" + attempt + " error=\"cannot read the partition before"
                            + " retrying: " + now.unreadable().get(o.partition()) + "\"");
                    continue; // never abort what could not be checked: wait for its leader
                }
                if (!now.open().contains(o)) {
                    err.println(describe("not_retried", o) + " reason=\"that transaction is no longer open there as it was checked"
                            + " (an earlier attempt may have landed, or the producer wrote again): no further abort\"");
                    return;
                }
            }
            try {
                txns.abort(o);
                return;
            } catch (IllegalStateException e) {
                err.println(describe("abort_failed", o) + " attempt=" + attempt + " error=\"" + e.getMessage() + "\"");
            }
        }
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(String event, TransactionCheck.Open o) {
        return event + " topic=" + o.partition().topic() + " partition=" + o.partition().partition() + " producer_id=" + o.producerId()
                + " producer_epoch=" + o.producerEpoch() + " start_offset=" + o.startOffset();
    }
}
