package io.influxha.launcher;

import io.influxha.core.config.HostPort;
import io.influxha.gateway.GatewayMain;
import io.influxha.router.RouterMain;
import io.influxha.writer.WriterMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
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

    @Command(name = "router", description = {"The shard router alone, until SIGTERM, with /health and /metrics on router.listen.",
            "Exit 1 when its topology failed."})
    static final class Router implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--listen", paramLabel = "HOST:PORT", converter = ListenConverter.class,
                description = "where /health and /metrics are served (port 0: any free port); wins over router.listen")
        HostPort listen;

        @Override
        public Integer call() throws InterruptedException {
            var loaded = config.load();
            return RouterMain.run(loaded, listen != null ? listen : loaded.router().listen());
        }
    }

    @Command(name = "writer", description = {"One writer for one backend, until SIGTERM, with /health and /metrics on writer.listen.",
            "Exit 1 when it failed."})
    static final class Writer implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--backend", required = true, paramLabel = "NAME", description = "the backend this writer feeds (backends[].name)")
        String backend;

        @Option(names = "--listen", paramLabel = "HOST:PORT", converter = ListenConverter.class,
                description = "where /health and /metrics are served (port 0: any free port); wins over writer.listen, "
                        + "so two writers can share a host and a file")
        HostPort listen;

        @Override
        public Integer call() throws InterruptedException {
            var loaded = config.load();
            return WriterMain.run(loaded, backend, listen != null ? listen : loaded.writer().listen());
        }
    }

    /** {@code --listen HOST:PORT}, read like gateway.listen; a bad value is a usage error naming the option. */
    static final class ListenConverter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            try {
                return HostPort.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("invalid value \"" + value + "\": " + e.getMessage());
            }
        }
    }
}
