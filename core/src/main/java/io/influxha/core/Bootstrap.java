package io.influxha.core;

import io.influxha.core.config.InfluxHaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a role finds Kafka: {@code kafka.bootstrap_servers} when set, otherwise the address a
 * running embedded broker wrote to {@code data_dir/kafka/bootstrap}.
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static Path file(Path dataDir) {
        return dataDir.resolve("kafka").resolve("bootstrap");
    }

    /** @throws IllegalStateException with a message for the user when no embedded broker runs */
    public static String resolve(InfluxHaConfig config) {
        if (!config.kafka().embedded()) {
            return config.kafka().bootstrapServers();
        }
        Path file = file(config.dataDir());
        try {
            String address = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!address.isEmpty()) {
                return address;
            }
        } catch (NoSuchFileException e) {
            // fall through to the message below
        } catch (IOException e) {
            throw new IllegalStateException("kafka.bootstrap_servers is empty and " + file + " cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalStateException("kafka.bootstrap_servers is empty and no embedded broker address was found in "
                + file + ": start `bin/influx-ha broker -c FILE` (or `all`) first, or set kafka.bootstrap_servers");
    }

    public static void write(Path dataDir, String address) throws IOException {
        Path file = file(dataDir);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("bootstrap.tmp");
        Files.writeString(tmp, address + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
