package io.influxha.influxd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The influxd 1.x configuration of a test server: everything under one directory, loopback only,
 * its own RPC port (the default 8088 would clash between servers), and quiet: no reporting, no
 * query or HTTP access log, no _internal monitor database, logs at warn to influxd.log. The
 * {@code tsi1} index, as influx-ha requires of its backends: with 1.6.7's default {@code inmem}
 * index, points a DROP or DELETE removed can come back when the measurement is written again
 * (docs/ddl-through-the-log.md, "The backends' index"; DroppedPointsStayDroppedIT).
 */
final class InfluxdConfig {
    private InfluxdConfig() {}

    static Path write(Path dir, int httpPort, int rpcPort) throws IOException {
        Files.createDirectories(dir.resolve("meta"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("wal"));
        String toml = """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = "%s"
                  logging-enabled = false

                [data]
                  dir = "%s"
                  wal-dir = "%s"
                  wal-fsync-delay = "0s"
                  index-version = "tsi1"
                  query-log-enabled = false
                  trace-logging-enabled = false

                [coordinator]
                  log-queries-after = "0s"

                [monitor]
                  store-enabled = false

                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  auth-enabled = false
                  log-enabled = false
                  write-tracing = false
                  max-row-limit = 0

                [logging]
                  format = "logfmt"
                  level = "warn"
                  suppress-logo = true

                [continuous_queries]
                  enabled = false

                [subscriber]
                  enabled = false
                """.formatted(rpcPort, quote(dir.resolve("meta")), quote(dir.resolve("data")), quote(dir.resolve("wal")), httpPort);
        Path file = dir.resolve("influxd.conf");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return file;
    }

    private static String quote(Path path) {
        return path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
