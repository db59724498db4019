package io.influxha.launcher;

import io.influxha.core.StartupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo [--data-dir DIR] [--listen HOST:PORT]}: start {@link Demo}, print its status every second, Ctrl-C stops it all. */
@Command(name = "demo", description = {"Two local influxd, every role and a steady load.",
        "An embedded broker, two local influxd replicas, every role and a steady load through the gateway; one status "
                + "line per second. The configuration it runs goes to DIR/influx-ha.yaml, for status -c. Ctrl-C stops it all."})
final class DemoMain implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data/demo", description = "where everything keeps its data (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8086", description = "the gateway's address (default: ${DEFAULT-VALUE})")
    String listen;

    @Override
    public Integer call() {
        Demo demo;
        try {
            demo = Demo.start(dataDir, listen);
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
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
        return 0;
    }
}
