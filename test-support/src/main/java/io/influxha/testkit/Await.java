package io.influxha.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one place a test may pause: polls a condition every 50 ms until it holds or the deadline
 * passes, then fails with what was awaited and the last observed state.
 */
public final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {}

    /**
     * @param whatWeWaitedFor evaluated once, on failure, so it can report the state observed last
     *     (e.g. {@code () -> "3 points in b, saw " + count()})
     */
    public static void until(Duration deadline, BooleanSupplier condition, Supplier<String> whatWeWaitedFor) {
        value(deadline, condition::getAsBoolean, ok -> ok, whatWeWaitedFor);
    }

    /** Polls {@code probe} until its value passes {@code accept}, and returns that value. */
    public static <T> T value(Duration deadline, Supplier<T> probe, Predicate<? super T> accept, Supplier<String> whatWeWaitedFor) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (accept.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e; // a probe may fail while the system is still starting
            }
            if (System.nanoTime() - end >= 0) {
                String state = lastError != null ? "last probe failed: " + lastError : "last value: " + last;
                AssertionError failure = new AssertionError("gave up after " + deadline.toMillis() + " ms waiting for "
                        + whatWeWaitedFor.get() + " (" + state + ")");
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
