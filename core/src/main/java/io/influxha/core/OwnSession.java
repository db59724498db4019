package io.influxha.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child process in a session of its own ({@code setsid}, which execs in place, so the pid
 * stays the child's). A Ctrl-C in a terminal signals the whole foreground process group at once;
 * children outside it are stopped by their parent instead, in order (writers flush before their
 * influxd stops, the router commits before the broker stops).
 */
public final class OwnSession {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {}

    /** {@code command} prefixed with setsid where the system has it, unchanged otherwise. */
    public static List<String> command(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }
}
