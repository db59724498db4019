package io.influxha.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out an {@link AbortPlan}: every partition's abort is tried up to {@link #ATTEMPTS}
 * times with doubling pauses (a leader may be moving), then the partitions are read again and
 * each transaction must be gone. Prints one line per partition and a summary; exit 0 when every
 * partition is done, 1 when refused or some are left (the same command picks them up again).
 */
final class AbortRun {
    static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

    private final OpenTransactions txns;
    private final PrintWriter out;
    private final PrintWriter err;

    AbortRun(OpenTransactions txns, PrintWriter out, PrintWriter err) {
        this.txns = txns;
        this.out = out;
        this.err = err;
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
        List<TransactionCheck.Open> failed = new ArrayList<>();
        for (TransactionCheck.Open o : plan.abort()) {
            if (!abortWithRetries(o)) {
                failed.add(o);
            }
        }
        List<TransactionCheck.Open> stillOpen = txns.open(plan.abort().stream().map(TransactionCheck.Open::partition).toList())
                .stream().filter(plan.abort()::contains).toList();
        stillOpen.forEach(o -> err.println(describe("still_open", o)));
        plan.abort().stream().filter(o -> !stillOpen.contains(o)).forEach(o -> out.println(describe("aborted", o)));
        if (!stillOpen.isEmpty() || !failed.isEmpty()) {
            err.println("influx-ha: transactions abort: " + stillOpen.size() + " of " + plan.abort().size()
                    + " partitions still open: run the same command again");
            return 1;
        }
        out.println("aborted " + plan.abort().size() + " partition" + (plan.abort().size() == 1 ? "" : "s")
                + ": read_committed consumers now read past each start offset; the transaction's records stay invisible to them");
        return 0;
    }

    private boolean abortWithRetries(TransactionCheck.Open o) {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                txns.abort(o);
                return true;
            } catch (IllegalStateException e) {
                err.println(describe("abort_failed", o) + " attempt=" + attempt + " error=\"" + e.getMessage() + "\"");
                if (attempt >= ATTEMPTS || !pause(pause)) {
                    return false;
                }
                pause = pause.multipliedBy(2);
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
