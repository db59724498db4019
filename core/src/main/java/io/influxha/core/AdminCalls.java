package io.influxha.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * One blocking Admin API call, with its failures turned into an {@link IllegalStateException}
 * that names what was being read and why it failed (an interrupt keeps the thread's flag).
 */
public final class AdminCalls {
    /** A call that waits on a Kafka future with its own timeout. */
    public interface Call<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private AdminCalls() {}

    /** {@code call}'s result; {@code timeoutSeconds} is the one the call waits with, for the message. */
    public static <T> T get(String what, long timeoutSeconds, Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read " + what + " within " + timeoutSeconds + " s", e);
        }
    }
}
