package io.influxha.writer;

import java.util.function.Supplier;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Blocking consumer calls on the poll thread outside poll(): HTTP threads call wakeup() whenever
 * a write finishes, and such a wakeup may land in the call instead. It only asks the loop to look
 * at completions, which it does next turn anyway, so the call is simply made again.
 */
final class Wakeups {
    /** Wakeups in a row a call absorbs; the last one propagates. */
    static final int RETRIES = 5;

    private Wakeups() {}

    static <T> T absorb(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (WakeupException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }
}
