package io.influxha.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Picks a free loopback port, or the broker port of the previous run on the same log dir (kept in
 * {@code <logDir>/../broker.port}). The port may be taken again before it is bound, so callers retry.
 */
final class FreePort {
    private static final String PORT_FILE = "broker.port";

    private FreePort() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback socket to pick a free port", e);
        }
    }

    /** The broker port the previous run on {@code logDir} listened on, if recorded and readable. */
    static OptionalInt previous(Path logDir) {
        try {
            int port = Integer.parseInt(Files.readString(logDir.resolveSibling(PORT_FILE), StandardCharsets.UTF_8).trim());
            return port > 0 && port < 65536 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty(); // first start, or a damaged file: any free port will do
        }
    }

    static void remember(Path logDir, int port) {
        try {
            Files.writeString(logDir.resolveSibling(PORT_FILE), port + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the broker port in " + logDir.resolveSibling(PORT_FILE), e);
        }
    }
}
