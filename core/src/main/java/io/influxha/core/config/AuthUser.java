package io.influxha.core.config;

import java.util.List;

/**
 * One user of {@code gateway.auth.users}. Exactly one of {@code password} (the clear text, from the
 * file or the environment) and {@code passwordHash} ({@code sha256:<64 hex digits>}) is non-empty;
 * both print as {@code [hidden]}. An admin may write and read every database, as in InfluxDB.
 *
 * @param write databases the user may write
 * @param read databases the user may query
 */
public record AuthUser(String name, Secret password, Secret passwordHash, boolean admin, List<String> write, List<String> read) {

    public AuthUser {
        write = write == null ? null : List.copyOf(write);
        read = read == null ? null : List.copyOf(read);
    }
}
