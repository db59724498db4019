package io.influxha.launcher;

import io.influxha.core.CommandLine;
import io.influxha.core.StartupException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code demo [--data-dir DIR] [--listen HOST:PORT]}: start {@link Demo}, print its status every second, Ctrl-C stops it all. */
final class DemoMain {
    private DemoMain() {}

    static void main(String[] args) {
        Demo demo;
        try {
            CommandLine options = CommandLine.parse(args, Set.of("--data-dir", "--listen"));
            demo = Demo.start(Path.of(options.get("--data-dir").orElse("data/demo")), options.get("--listen").orElse("127.0.0.1:8086"));
        } catch (StartupException | IllegalStateException e) {
            System.err.println("influx-ha: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            demo.close();
        }, "demo-shutdown"));
        try {
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                System.out.println(demo.statusLine());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
