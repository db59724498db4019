package io.influxha.core;

import java.util.concurrent.CountDownLatch;

/**
 * A role's main thread lives as long as the role: a shutdown hook (SIGTERM, Ctrl-C) closes it,
 * and {@link #await} returns once it has, so that the {@code …Main} returns an exit code only
 * when there is nothing left to stop.
 */
public final class UntilStopped {
    private UntilStopped() {}

    /** Registers {@code close} as a shutdown hook named {@code hookName}; blocks until it has run. */
    public static void await(String hookName, Runnable close) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close.run();
            } finally {
                closed.countDown();
            }
        }, hookName));
        closed.await();
    }
}
