package io.influxha.launcher;

import io.influxha.gateway.GatewayMain;
import io.influxha.router.RouterMain;
import io.influxha.writer.WriterMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The roles that live in their own modules, one process each: options parsed here, the role run by its module's {@code …Main.run}. */
final class Roles {
    private Roles() {}

    @Command(name = "gateway", description = "The HTTP gateway alone, until SIGTERM.")
    static final class Gateway implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws InterruptedException {
            return GatewayMain.run(config.load());
        }
    }

    @Command(name = "router", description = {"The shard router alone, until SIGTERM.", "Exit 1 when its topology failed."})
    static final class Router implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws InterruptedException {
            return RouterMain.run(config.load());
        }
    }

    @Command(name = "writer", description = {"One writer for one backend, until SIGTERM.", "Exit 1 when it failed."})
    static final class Writer implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--backend", required = true, paramLabel = "NAME", description = "the backend this writer feeds (backends[].name)")
        String backend;

        @Override
        public Integer call() throws InterruptedException {
            return WriterMain.run(config.load(), backend);
        }
    }
}
